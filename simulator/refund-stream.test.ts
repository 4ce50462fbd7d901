import { describe, expect, it } from 'vitest';
import type { RefundEvent } from '../contracts/index.ts';
import { createSimulation } from './simulation.ts';
import { DAY, HOUR } from './time.ts';

/** Refund streams misbehave the way real ones do, and the lifecycles follow the platform's rules. */

const ANCHOR = Date.UTC(2025, 3, 10, 4, 0, 0);
const sim = createSimulation({ seed: 99, anchorMs: ANCHOR, incidents: false });
const stream: RefundEvent[] = [];
for (const r of sim.events(ANCHOR - 3 * DAY, ANCHOR)) if (r.topic === 'refunds') stream.push(r.event as RefundEvent);

const ORDER = ['requested', 'auto_approved', 'approved', 'rejected', 'timeout_approved', 'escalated', 'buyer_shipped', 'merchant_received', 'refunded', 'cancelled', 'rated'];

describe('refund stream', () => {
  it('contains steps delivered after a later step of the same refund', () => {
    const latest = new Map<string, number>();
    let outOfOrder = 0;
    for (const e of stream) {
      const t = Date.parse(e.occurred_at);
      if (t < (latest.get(e.refund_id) ?? -Infinity)) outOfOrder++;
      latest.set(e.refund_id, Math.max(t, latest.get(e.refund_id) ?? -Infinity));
    }
    expect(outOfOrder).toBeGreaterThan(10);
    expect(outOfOrder / stream.length).toBeLessThan(0.05);
  });

  it('contains true replays (same event_id, identical content) and re-sends of a step under a new event_id', () => {
    const byId = new Map<string, string>();
    let replays = 0;
    for (const e of stream) {
      const json = JSON.stringify(e);
      if (byId.has(e.event_id)) {
        expect(json).toBe(byId.get(e.event_id));
        replays++;
      }
      byId.set(e.event_id, json);
    }
    const steps = new Map<string, Set<string>>();
    for (const e of stream) {
      const step = `${e.refund_id}|${e.status}|${e.occurred_at}`;
      steps.set(step, (steps.get(step) ?? new Set()).add(e.event_id));
    }
    const resent = [...steps.values()].filter((ids) => ids.size > 1).length;
    expect(replays).toBeGreaterThan(20);
    expect(resent).toBeGreaterThan(2);
  });

  it('lifecycles make sense once steps are put back in occurred_at order', () => {
    const byRefund = new Map<string, Map<string, RefundEvent>>();
    for (const e of stream) {
      const steps = byRefund.get(e.refund_id) ?? new Map<string, RefundEvent>();
      steps.set(e.event_id.replace(/-resend$/, ''), e);
      byRefund.set(e.refund_id, steps);
    }
    let complete = 0;
    for (const steps of byRefund.values()) {
      const sorted = [...steps.values()].sort((a, b) => Date.parse(a.occurred_at) - Date.parse(b.occurred_at));
      const statuses = sorted.map((e) => e.status);
      if (statuses[0] !== 'requested') continue; // requested before the window
      complete++;
      const requestedAt = Date.parse(sorted[0]!.occurred_at);
      for (const e of sorted) {
        if (e.status === 'timeout_approved') expect(Date.parse(e.occurred_at) - requestedAt).toBe(48 * HOUR);
        if (e.status === 'buyer_shipped') expect(e.type).not.toBe('refund_only');
      }
      if (statuses.includes('refunded')) expect(statuses.some((s) => ['auto_approved', 'approved', 'timeout_approved'].includes(s))).toBe(true);
      // Each step appears once per refund except platform decisions after an escalation.
      expect(statuses.filter((s) => s === 'requested')).toHaveLength(1);
      for (const s of statuses) expect(ORDER).toContain(s);
    }
    expect(complete).toBeGreaterThan(1000);
  });

  it('automates about 60% of requests without incidents, rejects a few, times out a few', () => {
    const count = (status: string) => stream.filter((e) => e.status === status && !e.event_id.endsWith('-resend')).length;
    const unique = (status: string) => new Set(stream.filter((e) => e.status === status).map((e) => e.event_id.replace(/-resend$/, ''))).size;
    const requested = unique('requested');
    expect(unique('auto_approved') / requested).toBeGreaterThan(0.45);
    expect(unique('auto_approved') / requested).toBeLessThan(0.7);
    expect(unique('rejected') / requested).toBeGreaterThan(0.01);
    expect(unique('rejected') / requested).toBeLessThan(0.15);
    expect(count('timeout_approved')).toBeGreaterThan(0);
    for (const e of stream.filter((x) => x.status === 'rated')) expect(e.csat).toBeGreaterThanOrEqual(1);
  });

  it('reasons follow the category: 服饰 mostly size, 生鲜 mostly damage and quality', () => {
    const share = (category: string, reasons: string[]) => {
      const asked = stream.filter((e) => e.status === 'requested' && e.category === category);
      return asked.filter((e) => reasons.includes(e.reason_code)).length / asked.length;
    };
    expect(share('服饰', ['size_fit'])).toBeGreaterThan(0.3);
    expect(share('生鲜', ['damaged', 'quality'])).toBeGreaterThan(0.6);
    expect(share('美妆', ['dislike', 'not_as_described', 'changed_mind'])).toBeGreaterThan(0.45);
  });
});
