import { describe, expect, it } from 'vitest';
import { CONTRACTS, TOPICS, type AnyEvent, type Topic } from '../contracts/index.ts';
import { LiveClock } from './live-clock.ts';
import { RecordingSink } from './memory-sink.ts';
import { runSimulation, type RunLog } from './run.ts';
import { createSimulation } from './simulation.ts';
import type { EventSink } from './sink.ts';
import { HOUR, MINUTE } from './time.ts';

const quiet: RunLog = { info() {}, warn() {} };

describe('runSimulation', () => {
  it('stops at exactly `count` during live traffic, and stamps live events with the wall clock', async () => {
    const start = Date.now();
    const sink = new RecordingSink();
    const result = await runSimulation({
      simulation: createSimulation({ seed: 3, anchorMs: start }),
      sink,
      days: 0,
      rate: 20_000,
      timeWarp: true,
      count: 3_333,
      log: quiet,
    });
    expect(result.total).toBe(3_333);
    expect(result.live).toBe(3_333);
    expect(result.stoppedBy).toBe('count');
    expect(sink.count).toBe(3_333);
    const perTopic = Object.fromEntries(TOPICS.map((t) => [t, sink.events(t).length]));
    expect(result.perTopic).toEqual(perTopic);
    const end = Date.now();
    let now = 0;
    for (const event of sink.events() as AnyEvent[]) {
      const t = Date.parse(event.occurred_at);
      // Late-delivered refund steps keep an earlier time; everything else is "now".
      expect(t).toBeLessThanOrEqual(end + 1000);
      expect(t).toBeGreaterThan(start - 7 * HOUR);
      if (t >= start) now++;
    }
    expect(now / sink.count).toBeGreaterThan(0.97);
  });

  it('stops at exactly `count` inside the backfill, and backfilled events keep their history times', async () => {
    const start = Date.now();
    const sink = new RecordingSink();
    const result = await runSimulation({ simulation: createSimulation({ seed: 3, anchorMs: start }), sink, days: 1, rate: 50, count: 12_345, log: quiet, batchSize: 1000 });
    expect(result).toMatchObject({ total: 12_345, backfilled: 12_345, live: 0, stoppedBy: 'count' });
    expect(sink.count).toBe(12_345);
    expect(Math.max(...sink.batches.map((b) => b.events.length))).toBeLessThanOrEqual(1000);
    for (const event of sink.events() as AnyEvent[]) expect(Date.parse(event.occurred_at)).toBeLessThan(start);
  });

  it('backfills then goes live, with every event valid, and sends nothing after an abort', async () => {
    const controller = new AbortController();
    const start = Date.now();
    const sink: EventSink & { n: number; live: number } = {
      n: 0,
      live: 0,
      async send(topic: Topic, events: object[]) {
        for (const event of events) {
          const verdict = CONTRACTS[topic].validate(event);
          if (!verdict.ok) throw new Error(verdict.reason);
        }
        this.n += events.length;
        // Abort once live traffic has flowed (live events are stamped from `start` on), whatever
        // the backfill's size.
        this.live += events.filter((e) => Date.parse((e as { occurred_at: string }).occurred_at) >= start).length;
        if (this.live > 2_000) controller.abort();
      },
      async close() {},
    };
    const result = await runSimulation({ simulation: createSimulation({ seed: 8, anchorMs: start }), sink, days: 0.1, rate: 5_000, timeWarp: true, signal: controller.signal, log: quiet });
    expect(result.stoppedBy).toBe('signal');
    expect(result.backfilled).toBeGreaterThan(1000);
    expect(result.live).toBeGreaterThan(0);
    expect(result.total).toBe(sink.n);
  });

  it('keeps the live pace by elapsed time: 800 events at 400/s take about 2 s', async () => {
    const sendTimes: number[] = [];
    const sink: EventSink = {
      async send(_topic: Topic, events: object[]) {
        for (let i = 0; i < events.length; i++) sendTimes.push(Date.now());
      },
      async close() {},
    };
    const result = await runSimulation({ simulation: createSimulation({ seed: 4, anchorMs: Date.now() }), sink, days: 0, rate: 400, timeWarp: true, count: 800, log: quiet });
    expect(result.live).toBe(800);
    const span = sendTimes[sendTimes.length - 1]! - sendTimes[0]!;
    expect(span).toBeGreaterThan(1500);
    expect(span).toBeLessThan(2600);
  });
});

describe('LiveClock', () => {
  it('is the identity before the live start, monotone after, and maps a replay exactly like its original', () => {
    const start = Date.UTC(2025, 0, 1);
    const clock = new LiveClock(start);
    expect(clock.map(start - HOUR, start + 5)).toBe(start - HOUR);
    const a = clock.map(start + 10 * HOUR, start + 1000);
    const b = clock.map(start + 20 * HOUR, start + 2000);
    expect([a, b]).toEqual([start + 1000, start + 2000]);
    // An older event arriving late lands between its neighbours, and again in the same place.
    const late = clock.map(start + 15 * HOUR, start + 3000);
    expect(late).toBeGreaterThan(a);
    expect(late).toBeLessThan(b);
    expect(clock.map(start + 15 * HOUR, start + 9000)).toBe(late);
    expect(clock.map(start + 10 * HOUR, start + 9000)).toBe(a);
  });

  it('gives every scan of one parcel the same promised_at', () => {
    const start = Date.UTC(2025, 0, 1);
    const clock = new LiveClock(start);
    const scan = (minutes: number) => ({
      topic: 'logistics' as const,
      key: 'SF1',
      at: start + minutes * MINUTE,
      event: {
        event_id: `e${minutes}`,
        occurred_at: new Date(start + minutes * MINUTE).toISOString(),
        schema_version: 1 as const,
        shipment_id: 'SF1',
        order_id: 'O1',
        carrier: '顺丰速运',
        direction: 'outbound' as const,
        status: 'in_transit' as const,
        origin_region: '浙江省',
        dest_region: '四川省',
        promised_at: new Date(start + 72 * HOUR).toISOString(),
      },
    });
    const first = clock.retime(scan(60), start + 100) as { promised_at: string };
    const second = clock.retime(scan(600), start + 200) as { promised_at: string };
    expect(second.promised_at).toBe(first.promised_at);
  });
});
