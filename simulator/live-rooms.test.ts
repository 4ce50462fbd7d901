import { describe, expect, it } from 'vitest';
import type { OrderEvent, TranscriptEvent } from '../contracts/index.ts';
import type { SimRecord } from './emitter.ts';
import { MAX_AUDIENCE, planLiveRooms } from './live-rooms.ts';
import { RecordingSink } from './memory-sink.ts';
import { runSimulation, type RunLog } from './run.ts';
import { createSimulation } from './simulation.ts';
import { DAY, HOUR, MINUTE } from './time.ts';

const quiet: RunLog = { info() {}, warn() {} };
const START = Date.UTC(2026, 10, 20, 4, 0, 0); // 12:00 China time: the scheduled sessions are mostly off air

interface SessionRates {
  comments: number;
  speech: number;
  orders: number;
}

/** Per-minute rates of every session with ≥ `minMinutes` observed in [from, to), from its own events. */
function ratesPerSession(records: Iterable<SimRecord>, from: number, to: number, minMinutes = 30): Map<string, SessionRates> {
  const seen = new Map<string, { first: number; last: number; comments: number; speech: number; orders: number }>();
  for (const r of records) {
    const t = Date.parse(r.event.occurred_at);
    if (t < from || t >= to) continue;
    let id: string;
    if (r.topic === 'livestream-transcripts') id = (r.event as TranscriptEvent).live_session_id;
    else if (r.topic === 'orders') id = (r.event as OrderEvent).live_session_id;
    else continue;
    const s = seen.get(id) ?? { first: t, last: t, comments: 0, speech: 0, orders: 0 };
    s.first = Math.min(s.first, t);
    s.last = Math.max(s.last, t);
    if (r.topic === 'orders') s.orders++;
    else if ((r.event as TranscriptEvent).speaker === 'viewer') s.comments++;
    else s.speech++;
    seen.set(id, s);
  }
  const out = new Map<string, SessionRates>();
  for (const [id, s] of seen) {
    const minutes = (s.last - s.first) / MINUTE;
    if (minutes < minMinutes) continue;
    out.set(id, { comments: s.comments / minutes, speech: s.speech / minutes, orders: s.orders / minutes });
  }
  return out;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

function take(gen: Generator<SimRecord>, untilMs: number): SimRecord[] {
  const out: SimRecord[] = [];
  for (let r = gen.next(); !r.done && r.value.at < untilMs; r = gen.next()) out.push(r.value);
  return out;
}

describe('live rooms: real time, sized by --rate', () => {
  it('a live room talks, sells and is asked as often per minute as a backfilled session of the world', () => {
    const sim = createSimulation({ seed: 21, anchorMs: START, incidents: false });
    const backfill = ratesPerSession(sim.events(START - 3 * DAY, START), START - 3 * DAY, START);
    const rooms = sim.liveRooms(START, 2);
    expect(rooms.plan.audience).toBe(1);
    const live = ratesPerSession(take(rooms.events, START + 6 * HOUR), START, START + 6 * HOUR);
    expect(backfill.size).toBeGreaterThan(30);
    expect(live.size).toBeGreaterThan(10);
    expect([...live.keys()].every((id) => /L\d+$/.test(id))).toBe(true);
    for (const key of ['comments', 'speech', 'orders'] as const) {
      const b = median([...backfill.values()].map((r) => r[key]));
      const l = median([...live.values()].map((r) => r[key]));
      expect(l / b, `${key}: live ${l.toFixed(2)}/min vs backfill ${b.toFixed(2)}/min`).toBeGreaterThan(0.7);
      expect(l / b, `${key}: live ${l.toFixed(2)}/min vs backfill ${b.toFixed(2)}/min`).toBeLessThan(1.4);
    }
  });

  it('--rate adds rooms first, then viewers, never speed; capped at every free host × MAX_AUDIENCE', () => {
    const sim = createSimulation({ seed: 21, anchorMs: START, incidents: false });
    const low = planLiveRooms(sim.world, 0.5);
    const mid = planLiveRooms(sim.world, 2);
    const high = planLiveRooms(sim.world, 20);
    const huge = planLiveRooms(sim.world, 100_000);
    expect(low.rooms).toBeLessThan(mid.rooms);
    expect(low.audience).toBe(1);
    expect(high.rooms).toBeGreaterThanOrEqual(mid.rooms);
    expect(high.rooms).toBe(Math.floor(sim.world.hosts.length * 0.75)); // every host that is free
    expect(high.audience).toBeGreaterThan(mid.audience);
    expect(high.expectedPerSecond).toBeCloseTo(20, 0);
    expect(huge.audience).toBe(MAX_AUDIENCE);
    expect(huge.expectedPerSecond).toBeLessThan(100_000);
  });

  it('a host is never in two rooms, nor in a room during a scheduled session', () => {
    const sim = createSimulation({ seed: 5, anchorMs: START, incidents: false });
    const rooms = sim.liveRooms(START, 2);
    const spans = new Map<string, { host: string; from: number; to: number }>();
    for (const r of take(rooms.events, START + 12 * HOUR)) {
      if (r.topic !== 'livestream-transcripts') continue;
      const e = r.event as TranscriptEvent;
      const t = Date.parse(e.occurred_at);
      const s = spans.get(e.live_session_id) ?? { host: e.host_id, from: t, to: t };
      s.from = Math.min(s.from, t);
      s.to = Math.max(s.to, t);
      spans.set(e.live_session_id, s);
    }
    const scheduled = new Map<string, Array<{ from: number; to: number }>>();
    for (const r of sim.events(START - DAY, START + 12 * HOUR)) {
      if (r.topic !== 'livestream-transcripts') continue;
      const e = r.event as TranscriptEvent;
      const t = Date.parse(e.occurred_at);
      const list = scheduled.get(e.host_id) ?? [];
      const last = list[list.length - 1];
      if (last && t - last.to < 30 * MINUTE) last.to = t;
      else list.push({ from: t, to: t });
      scheduled.set(e.host_id, list);
    }
    const byHost = new Map<string, Array<{ from: number; to: number }>>();
    for (const s of spans.values()) byHost.set(s.host, [...(byHost.get(s.host) ?? []), s]);
    expect(spans.size).toBeGreaterThan(5);
    for (const [host, list] of byHost) {
      const sorted = list.sort((a, b) => a.from - b.from);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.from, host).toBeGreaterThan(sorted[i - 1]!.to);
      for (const room of sorted) {
        for (const own of scheduled.get(host) ?? []) expect(room.to < own.from || room.from > own.to, `${host} in a room during its session`).toBe(true);
      }
    }
  });

  it('runSimulation in real time sends each live event when the clock reaches it', async () => {
    // A clock that runs 600× (10 minutes a second) so the test sees minutes of live traffic.
    const t0 = Date.now();
    const now = () => START + (Date.now() - t0) * 600;
    const sink = new RecordingSink();
    const sends: Array<{ at: number; latest: number }> = [];
    const watched = {
      send: async (topic: Parameters<RecordingSink['send']>[0], events: object[]) => {
        const at = now();
        for (const e of events) sends.push({ at, latest: Date.parse((e as { occurred_at: string }).occurred_at) });
        await sink.send(topic, events);
      },
      close: async () => undefined,
    };
    const result = await runSimulation({ simulation: createSimulation({ seed: 9, anchorMs: START }), sink: watched, days: 0, rate: 2, count: 300, log: quiet, now });
    expect(result.live).toBe(300);
    // Nothing is sent before its time.
    for (const s of sends) expect(s.latest).toBeLessThanOrEqual(s.at);
  });
});
