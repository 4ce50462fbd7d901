import { TOPICS, type Topic } from '../../contracts/index.ts';
import { order, refund, scan, transcript } from '../helpers/fixtures.ts';

/** One message to produce: the product topic, its key and its raw value (null = tombstone). */
export interface StreamMessage {
  topic: Topic;
  key: string | null;
  value: Buffer | null;
}

/** What ClickHouse and the DLQs must hold once the whole stream is consumed. */
export interface MixedStream {
  messages: StreamMessage[];
  /** Distinct valid events per topic (duplicates sent twice count once). */
  distinct: Record<Topic, number>;
  /** Malformed messages per topic: each one is one dead letter (its own offset). */
  malformed: Record<Topic, number>;
  /** Keys of the malformed messages, each unique, to match DLQ messages against. */
  malformedKeys: Set<string>;
  /** Refund ids; every refund's latest step by occurred_at is `refunded`. */
  refundIds: number;
  /** Sum of order amounts in cents, each order once. */
  orderCents: number;
}

export interface MixedStreamOptions {
  /** Unique per test run; prefixes every id so runs never collide. */
  tag: string;
  /** Valid events to generate (before duplicates and malformed messages are added). */
  events: number;
  malformedRate: number;
  duplicateRate: number;
  seed?: number;
}

const REFUND_STEPS = ['requested', 'approved', 'buyer_shipped', 'merchant_received', 'refunded'] as const;

/** Small deterministic PRNG (mulberry32): the same seed gives the same stream. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A malformed value of every kind the consumer must dead-letter; `n` keeps each one unique. */
function malformedValue(topic: Topic, tag: string, n: number): Buffer | null {
  const id = `${tag}-bad-${n}`;
  switch (n % 8) {
    case 0:
      return Buffer.from(`{"event_id":"${id}","occurred_at":`); // truncated JSON
    case 1:
      return null; // tombstone
    case 2:
      return Buffer.concat([Buffer.from(`{"event_id":"${id}","x":"`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]); // not UTF-8
    case 3:
      return Buffer.from(JSON.stringify([id])); // not an object
    case 4:
      return Buffer.from(JSON.stringify({ event_id: id, occurred_at: '2026-11-20T20:15:00+08:00', schema_version: 1 })); // fields missing
    case 5:
      return Buffer.from(JSON.stringify({ ...validEvent(topic, id, 0), schema_version: 2 })); // unknown version
    case 6:
      return Buffer.from(JSON.stringify({ ...validEvent(topic, id, 0), occurred_at: '1970-01-01T00:00:00Z' })); // out of range
    default:
      return Buffer.from(JSON.stringify({ ...validEvent(topic, id, 0), _offset: 7 })); // reserved field
  }
}

function validEvent(topic: Topic, id: string, i: number): object {
  const at = new Date(Date.UTC(2026, 10, 20) + i * 1_000).toISOString();
  switch (topic) {
    case 'orders':
      return order({ event_id: id, order_id: id, occurred_at: at, amount: (1000 + (i % 1000)) / 100 });
    case 'refunds':
      return refund({ event_id: id, occurred_at: at });
    case 'livestream-transcripts':
      return transcript({ event_id: id, occurred_at: at, offset_ms: i, text: `讲解第${i}段` });
    case 'logistics':
      return scan({ event_id: id, shipment_id: `S-${id}`, occurred_at: at });
  }
}

/**
 * A mixed stream over the four topics: orders, refund lifecycles whose steps arrive out of
 * order (keyed by refund id, so one refund stays in one partition), transcripts, carrier scans;
 * some events sent twice; and `malformedRate` of messages malformed in every way we know.
 */
export function mixedStream(opts: MixedStreamOptions): MixedStream {
  const rand = prng(opts.seed ?? 7);
  const { tag } = opts;
  const zero = () => Object.fromEntries(TOPICS.map((t) => [t, 0])) as Record<Topic, number>;
  const out: MixedStream = { messages: [], distinct: zero(), malformed: zero(), malformedKeys: new Set(), refundIds: 0, orderCents: 0 };
  const sent: StreamMessage[] = [];
  let n = 0;
  let bad = 0;
  const emit = (m: StreamMessage) => {
    out.messages.push(m);
    sent.push(m);
    if (rand() < opts.duplicateRate) out.messages.push(sent[Math.floor(rand() * sent.length)]!); // a replayed earlier event
    while (bad < (out.messages.length + 1) * opts.malformedRate) {
      const topic = TOPICS[bad % TOPICS.length]!;
      const key = `${tag}-badkey-${bad}`;
      out.messages.push({ topic, key, value: malformedValue(topic, tag, bad) });
      out.malformed[topic]++;
      out.malformedKeys.add(key);
      bad++;
    }
  };
  while (n < opts.events) {
    const r = rand();
    if (r < 0.3) {
      const id = `${tag}-o-${n}`;
      const e = validEvent('orders', id, n) as { amount: number; order_id: string };
      out.orderCents += Math.round(e.amount * 100);
      emit({ topic: 'orders', key: e.order_id, value: Buffer.from(JSON.stringify(e)) });
      out.distinct.orders++;
      n++;
    } else if (r < 0.55) {
      const refundId = `${tag}-R-${out.refundIds++}`;
      const steps = REFUND_STEPS.map((status, s) =>
        refund({ event_id: `${refundId}-${status}`, refund_id: refundId, status, occurred_at: new Date(Date.UTC(2026, 10, 21, 0, 0, s)).toISOString() }),
      );
      for (let i = steps.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [steps[i], steps[j]] = [steps[j]!, steps[i]!];
      }
      for (const step of steps) emit({ topic: 'refunds', key: refundId, value: Buffer.from(JSON.stringify(step)) });
      out.distinct.refunds += steps.length;
      n += steps.length;
    } else {
      const topic: Topic = r < 0.78 ? 'livestream-transcripts' : 'logistics';
      const id = `${tag}-${topic[0]}-${n}`;
      emit({ topic, key: id, value: Buffer.from(JSON.stringify(validEvent(topic, id, n))) });
      out.distinct[topic]++;
      n++;
    }
  }
  return out;
}
