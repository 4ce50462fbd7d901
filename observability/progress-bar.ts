import { MultiBar, Presets } from 'cli-progress';
import { holdStderr } from './terminal.ts';

export interface TerminalBar {
  update(value: number, payload: Record<string, unknown>): void;
  stop(): void;
}

/**
 * A progress bar on stderr for a person at a terminal. It is a MultiBar of one bar because
 * MultiBar can print log lines above the bar (log lines written meanwhile are handed to it
 * through holdStderr) instead of both fighting over the same line.
 */
export function startTerminalBar(format: string, total: number, payload: Record<string, unknown>, stream: NodeJS.WritableStream = process.stderr): TerminalBar {
  const multi = new MultiBar(
    {
      format,
      stream,
      hideCursor: true,
      // ETA over the last ~100 updates: the backfill's rate varies with the simulated hour
      // (live sessions in the evening), and the default 10 made the ETA jump by minutes.
      etaBuffer: 100,
      fps: 5,
    },
    Presets.shades_classic,
  );
  const bar = multi.create(total, 0, payload);
  const release = holdStderr((text) => multi.log(text));
  let stopped = false;
  return {
    update: (value, fields) => bar.update(value, fields),
    stop() {
      if (stopped) return;
      stopped = true;
      release();
      multi.update(); // prints the log lines still waiting above the bar before it is left
      multi.stop();
    },
  };
}
