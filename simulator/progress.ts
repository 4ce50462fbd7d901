import { Presets, SingleBar } from 'cli-progress';
import type { RunLog } from './run-log.ts';

/**
 * Backfill progress, measured in simulated time covered (the event total is not known up
 * front). A bar on stderr when a person is watching a terminal; otherwise — CI, a log file,
 * `radar start` — one structured log line per ~10%, which stays readable in aggregated logs.
 */
export interface Progress {
  update(coveredMs: number, events: number): void;
  finish(events: number): void;
}

export function createProgress(wanted: boolean, log: RunLog, spanMs: number): Progress {
  if (wanted && process.stderr.isTTY) {
    const bar = new SingleBar(
      { format: 'backfill |{bar}| {percentage}% | {events} events | ETA {eta_formatted}', stream: process.stderr, hideCursor: true },
      Presets.shades_classic,
    );
    bar.start(1000, 0, { events: 0 });
    return {
      update: (coveredMs, events) => bar.update(Math.min(1000, Math.floor((coveredMs / spanMs) * 1000)), { events }),
      finish: (events) => {
        bar.update(1000, { events });
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
