import { describe, expect, it } from 'vitest';
import { AnswerCache } from './answer-cache.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const settle = () => new Promise((r) => setImmediate(r));

function setup(maxConcurrent = 2) {
  let now = 1_000_000_000_000;
  let mark: string | null = '2026-12-03T12:00:00.000Z';
  const cache = new AnswerCache({ watermark: async () => mark, watermarkTtlMs: 0, maxStaleMs: 120_000, maxConcurrent, now: () => now });
  return {
    cache,
    tick: (ms: number) => (now += ms),
    setMark: (m: string | null) => (mark = m),
  };
}

describe('AnswerCache', () => {
  it('computes identical concurrent requests once, and keeps answers apart per scope and query', async () => {
    const { cache } = setup();
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    const same = await Promise.all(Array.from({ length: 10 }, () => cache.answer('/v1/kpi/overview', { to: 'x', shop_id: 'S1' }, {}, compute)));
    expect(new Set(same.map((a) => a.n))).toEqual(new Set([1]));
    // Key order of the query does not matter; its values and the scope do.
    expect((await cache.answer('/v1/kpi/overview', { shop_id: 'S1', to: 'x' }, {}, compute)).n).toBe(1);
    expect((await cache.answer('/v1/kpi/overview', { to: 'x', shop_id: 'S1' }, { host_id: 'H1' }, compute)).n).toBe(2);
    expect((await cache.answer('/v1/kpi/overview', { to: 'x', shop_id: 'S1' }, { host_id: 'H2' }, compute)).n).toBe(3);
    expect((await cache.answer('/v1/kpi/csat', { to: 'x', shop_id: 'S1' }, {}, compute)).n).toBe(4);
  });

  it('computes again when the KPI watermark moves or the minute turns, serving the previous answer meanwhile', async () => {
    const { cache, tick, setMark } = setup();
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cache.answer('r', {}, {}, compute)).toBe(1);
    expect(await cache.answer('r', {}, {}, compute)).toBe(1);
    setMark('2026-12-03T12:01:00.000Z');
    // The watermark is read in the background: this request still sees the old one.
    expect(await cache.answer('r', {}, {}, compute)).toBe(1);
    await settle();
    // The new version is being computed; this request gets the previous answer at once.
    expect(await cache.answer('r', {}, {}, compute)).toBe(1);
    await settle();
    expect(await cache.answer('r', {}, {}, compute)).toBe(2);
    tick(60_000);
    expect(await cache.answer('r', {}, {}, compute)).toBe(2);
    await settle();
    expect(await cache.answer('r', {}, {}, compute)).toBe(3);
    // Past maxStaleMs the previous answer is not served: the request waits for the new one.
    tick(10 * 60_000);
    expect(await cache.answer('r', {}, {}, compute)).toBe(4);
    expect(computed).toBe(4);
  });

  it('does not keep a failure', async () => {
    const { cache } = setup();
    await expect(cache.answer('r', {}, {}, async () => Promise.reject(new Error('engine busy')))).rejects.toThrow('engine busy');
    expect(await cache.answer('r', {}, {}, async () => 'ok')).toBe('ok');
  });

  it('runs at most maxConcurrent computations at once, the rest in order', async () => {
    const { cache } = setup(2);
    let running = 0;
    let peak = 0;
    const gates = Array.from({ length: 5 }, () => deferred<void>());
    const started: number[] = [];
    const answers = gates.map((g, i) =>
      cache.answer('r', { i }, {}, async () => {
        running++;
        peak = Math.max(peak, running);
        started.push(i);
        await g.promise;
        running--;
        return i;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    for (const g of gates) g.resolve();
    expect(await Promise.all(answers)).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });
});
