import type { MinuteOrders, TimelineSegment } from '../api/session-types.ts';

/**
 * A live session minute by minute: orders and refunds (from the API's per-minute counts), and
 * wording hits and viewer questions (counted from the transcript), on one axis of session minutes.
 */
export interface MinutePoint {
  minute: number;
  orders: number;
  refunded: number;
  hits: number;
  questions: number;
}

/** Minutes filled with zeros between the first and last at most; longer sessions keep only busy minutes. */
export const MAX_FILLED_MINUTES = 12 * 60;

export const minuteOf = (offsetMs: number) => Math.floor(Math.max(0, offsetMs) / 60_000);

export function minuteSeries(orders: readonly MinuteOrders[], segments: readonly TimelineSegment[]): MinutePoint[] {
  const byMinute = new Map<number, MinutePoint>();
  const at = (minute: number) => {
    let p = byMinute.get(minute);
    if (!p) {
      p = { minute, orders: 0, refunded: 0, hits: 0, questions: 0 };
      byMinute.set(minute, p);
    }
    return p;
  };
  for (const o of orders) {
    const p = at(o.minute);
    p.orders += o.orders;
    p.refunded += o.refunded_orders;
  }
  for (const s of segments) {
    if (s.hits.length > 0) at(minuteOf(s.offset_ms)).hits += s.hits.length;
    if (s.topics.length > 0) at(minuteOf(s.offset_ms)).questions += 1;
  }
  if (byMinute.size === 0) return [];
  const minutes = [...byMinute.keys()].sort((a, b) => a - b);
  const first = minutes[0]!;
  const last = minutes[minutes.length - 1]!;
  // Quiet minutes are data too (a bar chart with gaps closed would misstate time).
  if (last - first <= MAX_FILLED_MINUTES) for (let m = first; m <= last; m++) at(m);
  return [...byMinute.values()].sort((a, b) => a.minute - b.minute);
}

export interface TopicBucket {
  /** First minute of the bucket. */
  minute: number;
  counts: Record<string, number>;
}

export interface TopicTimeline {
  bucketMinutes: number;
  /** Topics by comments, most asked first. */
  topics: string[];
  buckets: TopicBucket[];
}

const STEPS = [1, 2, 5, 10, 15, 30, 60, 120];

/** A bucket width that keeps a session to about `maxBuckets` bars. */
export function bucketWidth(spanMinutes: number, maxBuckets = 24): number {
  const need = Math.ceil((spanMinutes + 1) / maxBuckets);
  return STEPS.find((s) => s >= need) ?? STEPS[STEPS.length - 1]!;
}

/** Viewer question topics over the session, counted per bucket of minutes (empty buckets kept). */
export function topicTimeline(segments: readonly TimelineSegment[], maxBuckets = 24): TopicTimeline {
  const asked = segments.filter((s) => s.topics.length > 0);
  if (asked.length === 0) return { bucketMinutes: 1, topics: [], buckets: [] };
  const minutes = asked.map((s) => minuteOf(s.offset_ms));
  const first = Math.min(...minutes);
  const last = Math.max(...minutes);
  const width = bucketWidth(last - first, maxBuckets);
  const start = Math.floor(first / width) * width;
  const buckets: TopicBucket[] = [];
  for (let m = start; m <= last; m += width) buckets.push({ minute: m, counts: {} });
  const totals = new Map<string, number>();
  asked.forEach((s, i) => {
    const bucket = buckets[Math.floor((minutes[i]! - start) / width)]!;
    for (const topic of s.topics) {
      bucket.counts[topic] = (bucket.counts[topic] ?? 0) + 1;
      totals.set(topic, (totals.get(topic) ?? 0) + 1);
    }
  });
  const topics = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
  return { bucketMinutes: width, topics, buckets };
}
