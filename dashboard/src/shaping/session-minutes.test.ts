import { describe, expect, it } from 'vitest';
import type { TimelineSegment } from '../api/session-types.ts';
import { bucketWidth, minuteSeries, topicTimeline } from './session-minutes.ts';

const seg = (offset_ms: number, over: Partial<TimelineSegment> = {}): TimelineSegment => ({
  event_id: `e${offset_ms}`,
  occurred_at: '2026-11-20T12:00:00Z',
  speaker: 'host',
  text: '欢迎',
  sku_id: 'S1',
  offset_ms,
  hits: [],
  topics: [],
  ...over,
});
const aHit = { phrase: '最低价', term: '最低价', category: 'absolute_claim', rule_id: 'W1', severity: 'high', alternative: '很划算', start: 0, end: 3 };

describe('minuteSeries', () => {
  it('puts orders, refunds, hits and questions on one axis of session minutes, quiet minutes as zeros', () => {
    const series = minuteSeries(
      [
        { minute: 1, orders: 2, refunded_orders: 1, gmv: 150 },
        { minute: 4, orders: 1, refunded_orders: 0, gmv: 50 },
      ],
      [seg(65_000, { hits: [aHit, aHit] }), seg(70_000, { speaker: 'viewer', topics: ['size', 'price'] }), seg(119_999, { speaker: 'viewer', topics: ['size'] })],
    );
    expect(series).toEqual([
      { minute: 1, orders: 2, refunded: 1, hits: 2, questions: 2 },
      { minute: 2, orders: 0, refunded: 0, hits: 0, questions: 0 },
      { minute: 3, orders: 0, refunded: 0, hits: 0, questions: 0 },
      { minute: 4, orders: 1, refunded: 0, hits: 0, questions: 0 },
    ]);
  });

  it('is empty for an empty session and keeps only busy minutes of a runaway span', () => {
    expect(minuteSeries([], [seg(0)])).toEqual([]);
    const far = minuteSeries([{ minute: 0, orders: 1, refunded_orders: 0, gmv: 1 }, { minute: 5000, orders: 1, refunded_orders: 1, gmv: 1 }], []);
    expect(far.map((p) => p.minute)).toEqual([0, 5000]);
  });
});

describe('topicTimeline', () => {
  it('counts viewer question topics per bucket, most asked topic first', () => {
    const tl = topicTimeline([
      seg(0, { speaker: 'viewer', topics: ['size'] }),
      seg(30_000, { speaker: 'viewer', topics: ['price', 'size'] }),
      seg(180_000, { speaker: 'viewer', topics: ['price'] }),
      seg(190_000, { speaker: 'viewer', topics: ['size'] }),
      seg(200_000),
    ]);
    expect(tl.bucketMinutes).toBe(1);
    expect(tl.topics).toEqual(['size', 'price']);
    expect(tl.buckets).toEqual([
      { minute: 0, counts: { size: 2, price: 1 } },
      { minute: 1, counts: {} },
      { minute: 2, counts: {} },
      { minute: 3, counts: { price: 1, size: 1 } },
    ]);
  });

  it('widens buckets for a long session and starts them on a whole bucket', () => {
    const tl = topicTimeline([seg(7 * 60_000, { topics: ['shipping'] }), seg(180 * 60_000, { topics: ['shipping'] })]);
    expect(tl.bucketMinutes).toBe(10);
    expect(tl.buckets[0]!.minute).toBe(0);
    expect(tl.buckets.length).toBe(19);
    expect(tl.buckets.reduce((n, b) => n + (b.counts.shipping ?? 0), 0)).toBe(2);
  });

  it('is empty without questions', () => {
    expect(topicTimeline([seg(0)])).toEqual({ bucketMinutes: 1, topics: [], buckets: [] });
  });

  it('picks bucket widths from a fixed ladder', () => {
    expect(bucketWidth(0)).toBe(1);
    expect(bucketWidth(23)).toBe(1);
    expect(bucketWidth(24)).toBe(2);
    expect(bucketWidth(240)).toBe(15);
    expect(bucketWidth(100_000)).toBe(120);
  });
});
