import { createTask, schedule } from 'node-cron';

/** Runs a job on a cron schedule; `at` is the scheduled time (ms), the end of the window. */
export interface Scheduler {
  every(name: string, expression: string, timezone: string, run: (at: number) => Promise<void>): { stop(): void };
}

/**
 * node-cron behind the Scheduler interface. Overlap is handled by the engine (it queues a
 * rule's windows one after another) rather than by node-cron's noOverlap, which would skip a
 * window — and a window is never skipped.
 */
export const cronScheduler: Scheduler = {
  every(name, expression, timezone, run) {
    const task = schedule(
      expression,
      async (ctx) => {
        // The scheduled minute, not the moment the callback ran: windows line up across restarts.
        await run(Math.floor(ctx.date.getTime() / 1000) * 1000);
      },
      { name, timezone },
    );
    return {
      stop() {
        void task.destroy();
      },
    };
  },
};

/** A scheduler that never fires on its own: tests and backtests drive the engine directly. */
export const manualScheduler: Scheduler = {
  every() {
    return { stop() {} };
  },
};

/**
 * The times in [from, to) at which `expression` fires — the windows a backtest evaluates.
 * Walks minute by minute (second by second for 6-field expressions) with node-cron's own
 * matcher, so a backtest sees exactly the windows the live engine would have.
 */
export function cronTimes(expression: string, timezone: string, from: number, to: number): number[] {
  const task = createTask(expression, () => undefined, { timezone });
  try {
    const step = expression.trim().split(/\s+/).length === 6 ? 1_000 : 60_000;
    const out: number[] = [];
    for (let t = Math.ceil(from / step) * step; t < to; t += step) {
      if (task.match(new Date(t))) out.push(t);
    }
    return out;
  } finally {
    void task.destroy();
  }
}
