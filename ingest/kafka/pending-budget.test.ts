import { describe, expect, it } from 'vitest';
import { PendingBudget } from './pending-budget.ts';

describe('PendingBudget', () => {
  it('admits up to the limit, and one chunk of any size when nothing is pending', () => {
    const b = new PendingBudget(100);
    expect(b.tryAcquire(60)).toBe(true);
    expect(b.tryAcquire(50)).toBe(false);
    expect(b.tryAcquire(40)).toBe(true);
    b.release(100);
    expect(b.tryAcquire(500)).toBe(true); // larger than the limit, but alone
    expect(b.pendingBytes).toBe(500);
  });

  it('makes a waiter wait until a release makes room, ticking meanwhile', async () => {
    const b = new PendingBudget(100);
    b.tryAcquire(80);
    let ticks = 0;
    const waiting = b.acquire(50, async () => void ticks++, () => false, 5);
    let admitted = false;
    void waiting.then(() => (admitted = true));
    // The wait is bounded by the tick, so the waiter ticks at least once while blocked.
    while (ticks === 0) await new Promise((r) => setTimeout(r, 1));
    expect(admitted).toBe(false);
    b.release(80);
    expect(await waiting).toBe(true);
    expect(b.pendingBytes).toBe(50);
  });

  it('gives up when told to', async () => {
    const b = new PendingBudget(10);
    b.tryAcquire(10);
    let stop = false;
    const waiting = b.acquire(5, async () => void (stop = true), () => stop, 1);
    expect(await waiting).toBe(false);
    expect(b.pendingBytes).toBe(10);
  });

  it('drained() resolves once everything is released', async () => {
    const b = new PendingBudget(10);
    b.tryAcquire(4);
    b.tryAcquire(4);
    let done = false;
    const drained = b.drained().then(() => (done = true));
    b.release(4);
    await Promise.resolve();
    expect(done).toBe(false);
    b.release(4);
    await drained;
    expect(done).toBe(true);
  });
});
