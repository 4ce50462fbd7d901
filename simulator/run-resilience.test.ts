import { describe, expect, it } from 'vitest';
import type { Topic } from '../contracts/index.ts';
import { HttpSinkError } from './http-sink.ts';
import { runSimulation, type RunLog } from './run.ts';
import { createSimulation } from './simulation.ts';
import type { EventSink } from './sink.ts';

const quiet: RunLog = { info() {}, warn() {} };

/** A sink whose n-th send (0-based) fails with fail(n), or succeeds when it returns undefined. */
function flakySink(fail: (n: number) => Error | undefined) {
  let n = 0;
  let stored = 0;
  const sink: EventSink = {
    async send(_topic: Topic, events: object[]) {
      const err = fail(n++);
      if (err) throw err;
      stored += events.length;
    },
    async close() {},
  };
  return { sink, stored: () => stored, sends: () => n };
}

const run = (sink: EventSink, onState?: (s: string) => void) =>
  runSimulation({
    simulation: createSimulation({ seed: 5, anchorMs: Date.now() }),
    sink,
    days: 0,
    rate: 50_000,
    count: 2_000,
    batchSize: 100,
    retryMs: 1,
    log: quiet,
    ...(onState ? { onState } : {}),
  });

describe('runSimulation against a failing sink', () => {
  it('skips a refused batch and goes on to the end', async () => {
    const f = flakySink((n) => (n === 1 ? new HttpSinkError('server rejected 3 of 100 events', 200) : undefined));
    const result = await run(f.sink);
    expect(result.stoppedBy).toBe('count');
    expect(result.total).toBe(2_000);
    expect(result.refused).toBeGreaterThan(0);
    expect(f.stored() + result.refused).toBe(2_000);
  });

  it('retries an outage until the sink recovers, losing nothing, and reports the state', async () => {
    const states: string[] = [];
    const f = flakySink((n) => (n >= 2 && n < 5 ? Object.assign(new Error('warehouse down'), { code: 'ECONNREFUSED' }) : undefined));
    const result = await run(f.sink, (s) => states.push(s));
    expect(result.stoppedBy).toBe('count');
    expect(f.stored()).toBe(2_000);
    expect(result.refused).toBe(0);
    expect(states).toEqual(['retrying', 'running']);
  });

  it('stops on a credentials error: no later batch could succeed', async () => {
    const f = flakySink(() => new HttpSinkError('401: missing bearer token', 401));
    await expect(run(f.sink)).rejects.toThrow(/401/);
    expect(f.sends()).toBe(1);
  });
});
