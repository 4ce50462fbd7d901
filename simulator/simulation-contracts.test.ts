import { describe, expect, it } from 'vitest';
import { CONTRACTS, TOPICS, type Topic } from '../contracts/index.ts';
import { KEY_FIELD } from './sink.ts';
import { createSimulation, type SimRecord } from './simulation.ts';
import { DAY, HOUR, chinaDayStart, chinaDay } from './time.ts';

// A fixed anchor: the world is a function of the seed and the calendar, so tests pin both.
const ANCHOR = Date.UTC(2025, 2, 15, 4, 0, 0); // 12:00 China time
const dayStart = chinaDayStart(chinaDay(ANCHOR) - 1);

function collect(records: Iterable<SimRecord>): SimRecord[] {
  return [...records];
}

describe('a simulated day, incidents on', () => {
  const sim = createSimulation({ seed: 42, anchorMs: ANCHOR });
  const records = collect(sim.events(dayStart, dayStart + DAY));

  it('has the volume of a live-commerce day (~40–60k events) across all four topics', () => {
    expect(records.length).toBeGreaterThan(40_000);
    expect(records.length).toBeLessThan(60_000);
    const perTopic = new Map<Topic, number>();
    for (const r of records) perTopic.set(r.topic, (perTopic.get(r.topic) ?? 0) + 1);
    for (const topic of TOPICS) expect(perTopic.get(topic) ?? 0).toBeGreaterThan(1000);
  });

  it('every event passes its topic contract with no unknown fields', () => {
    const failures: string[] = [];
    for (const r of records) {
      const result = CONTRACTS[r.topic].validate(r.event);
      if (!result.ok) failures.push(`${r.event.event_id}: ${result.reason}`);
      else if (result.unknownFields.length > 0) failures.push(`${r.event.event_id}: unknown ${result.unknownFields.join(',')}`);
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('occurred_at lies in the window, emission never precedes occurrence, and keys match the contract', () => {
    for (const r of records) {
      const t = Date.parse(r.event.occurred_at);
      expect(t).toBeGreaterThanOrEqual(dayStart);
      expect(t).toBeLessThan(dayStart + DAY);
      expect(r.at).toBeGreaterThanOrEqual(t);
      expect(r.key).toBe((r.event as unknown as Record<string, unknown>)[KEY_FIELD[r.topic]]);
      expect(r.event.occurred_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
    }
  });

  it('is emitted in time order; only refund steps (and the odd replayed scan) arrive late', () => {
    let previous = -Infinity;
    const maxLag = new Map<Topic, number>();
    for (const r of records) {
      expect(r.at).toBeGreaterThanOrEqual(previous);
      previous = r.at;
      const lag = r.at - Date.parse(r.event.occurred_at);
      maxLag.set(r.topic, Math.max(maxLag.get(r.topic) ?? 0, lag));
    }
    expect(maxLag.get('orders')).toBe(0);
    expect(maxLag.get('livestream-transcripts')).toBe(0);
    expect(maxLag.get('logistics')).toBeLessThanOrEqual(30 * 60_000);
    expect(maxLag.get('refunds')).toBeGreaterThan(0);
    expect(maxLag.get('refunds')).toBeLessThanOrEqual(7 * HOUR);
  });

  it('money has at most two decimals; csat only on rated; rule_id on automatic decisions; reject_reason on rejections', () => {
    for (const r of records) {
      const e = r.event as unknown as Record<string, unknown>;
      if (typeof e.amount === 'number') expect(Math.round(e.amount * 100) / 100).toBe(e.amount);
      if (r.topic !== 'refunds') continue;
      expect(e.csat !== undefined).toBe(e.status === 'rated');
      if (e.status === 'auto_approved' || e.status === 'timeout_approved') {
        expect(e.actor).toBe('system');
        expect(typeof e.rule_id).toBe('string');
      }
      if (e.status === 'rejected') expect(typeof e.reject_reason).toBe('string');
      if (e.status === 'approved') expect(['merchant', 'platform']).toContain(e.actor);
    }
  });

  it('one event_id always carries the same content (replays are true replays)', () => {
    const byId = new Map<string, string>();
    let replays = 0;
    for (const r of records) {
      const json = JSON.stringify(r.event);
      const seen = byId.get(r.event.event_id);
      if (seen !== undefined) {
        replays++;
        expect(json).toBe(seen);
      } else byId.set(r.event.event_id, json);
    }
    expect(replays).toBeGreaterThan(0);
  });
});

describe('a simulated day, incidents off', () => {
  it('validates too', () => {
    const sim = createSimulation({ seed: 7, anchorMs: ANCHOR, incidents: false, scale: 0.5 });
    expect(sim.incidents).toEqual([]);
    let n = 0;
    for (const r of sim.events(dayStart, dayStart + DAY)) {
      const result = CONTRACTS[r.topic].validate(r.event);
      if (!result.ok) throw new Error(result.reason);
      n++;
    }
    expect(n).toBeGreaterThan(15_000);
  });
});
