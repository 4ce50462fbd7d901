import { startTerminalBar } from '../observability/progress-bar.ts';
import type { RunLog } from './run-log.ts';

/**
 * Backfill progress, measured in simulated time covered (the event total is not known up
 * front). A bar on stderr when a person is watching a terminal (log lines print above it);
 * otherwise — CI, a log file, a container — one structured log line per ~10%, which stays
 * readable in aggregated logs.
 */
export interface Progress {
  update(coveredMs: number, events: number): void;
  /** `complete`: the whole span was covered (not stopped by Ctrl-C, a count or an error). */
  finish(events: number, complete: boolean): void;
}

const STEPS = 1000;

export function createProgress(wanted: boolean, log: RunLog, spanMs: number, isTTY = process.stderr.isTTY === true): Progress {
  if (wanted && isTTY) {
    const days = Math.round(spanMs / 86_400_000);
    const bar = startTerminalBar(
      `backfill {bar} {percentage}% of ${days} days | {events} events | {duration_formatted} elapsed, ETA {eta_formatted}`,
      STEPS,
      { events: 0 },
    );
    return {
      update: (coveredMs, events) => bar.update(Math.min(STEPS, Math.floor((coveredMs / spanMs) * STEPS)), { events: events.toLocaleString('en-US') }),
      finish: (events, complete) => {
        if (complete) bar.update(STEPS, { events: events.toLocaleString('en-US') });
        bar.stop();
      },
    };
  }
  let nextDecile = 1;
  return {
    update(coveredMs, events) {
      const fraction = coveredMs / spanMs;
      if (fraction * 10 < nextDecile) return;
      nextDecile = Math.floor(fraction * 10) + 1;
      log.info({ percent: Math.min(100, Math.floor(fraction * 100)), events }, 'backfill progress');
    },
    finish() {},
  };
}
