import { queryRows, type Warehouse } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { createTopicClassifier, loadTopicLexicon, type TopicClassifier } from '../wording/index.ts';
import type { Scope } from './filters.ts';
import { isoOrNull } from './time.ts';

export interface TimelineHit {
  phrase: string;
  term: string;
  category: string;
  rule_id: string;
  severity: string;
  alternative: string;
  start: number;
  end: number;
}
export interface TimelineSegment {
  event_id: string;
  occurred_at: string;
  speaker: string;
  text: string;
  sku_id: string;
  offset_ms: number;
  hits: TimelineHit[];
  topics: string[];
}
export interface SessionSpan {
  /** First and last transcript line (null without a transcript). */
  started_at: string | null;
  ended_at: string | null;
  /** First and last order of the session in the caller's categories (null without orders). */
  first_order_at: string | null;
  last_order_at: string | null;
}
export interface SessionTimeline {
  live_session_id: string;
  host_id: string;
  shop_id: string;
  /** When it happened: the page reads the session's own figures over this span. */
  span: SessionSpan;
  segments: TimelineSegment[];
  orders_by_minute: Array<{ minute: number; orders: number; refunded_orders: number; gmv: number }>;
  viewer_topics: Array<{ topic: string; comments: number }>;
  truncated: boolean;
}

let classifier: TopicClassifier | undefined;

/**
 * One live session for the hosts page: the transcript with wording-hit spans, viewer question
 * topics, and orders / refunds along the session. Null when the session is unknown or outside
 * the caller's scope (a host sees only their own sessions).
 */
export async function sessionTimeline(
  wh: Warehouse,
  sessionId: string,
  scope: Scope,
  opts: { fromMs?: number; limit?: number } = {},
): Promise<SessionTimeline | null> {
  const owner = (await queryRows<{ host_id: string; shop_id: string }>(wh.client, loadSql('sessions/session_owner'), { live_session_id: sessionId }))[0];
  if (!owner) return null;
  if (scope.host_id !== undefined && scope.host_id !== owner.host_id) return null;
  const params = { live_session_id: sessionId, host_id: owner.host_id };
  const limit = opts.limit ?? 2000;
  const categories = scope.categories ? [...scope.categories] : [];
  const [segments, hits, minutes, spans] = await Promise.all([
    queryRows<Omit<TimelineSegment, 'hits' | 'topics'> & { offset_ms: string | number }>(wh.client, loadSql('sessions/segments'), {
      ...params,
      from_ms: opts.fromMs ?? 0,
      limit: limit + 1,
    }),
    queryRows<{ event_id: string; phrase: string; term: string; category: string; rule_id: string; severity: string; alternative: string; span_start: number; span_end: number }>(
      wh.client,
      loadSql('sessions/wording_hits'),
      params,
    ),
    queryRows<{ minute: string | number; orders: string | number; refunded_orders: string | number; gmv: string | number }>(
      wh.client,
      loadSql('sessions/orders_by_minute'),
      { live_session_id: sessionId, categories },
    ),
    queryRows<Record<'first_segment_at' | 'last_segment_at' | 'first_order_at' | 'last_order_at', string | null>>(
      wh.client,
      loadSql('sessions/session_span'),
      { live_session_id: sessionId, categories },
    ),
  ]);
  const span = spans[0];
  // A category manager sees a session only when it sold something in their categories.
  if (scope.categories && minutes.length === 0) return null;

  classifier ??= createTopicClassifier(loadTopicLexicon());
  const hitsBySegment = new Map<string, TimelineHit[]>();
  for (const h of hits) {
    const list = hitsBySegment.get(h.event_id) ?? [];
    list.push({ phrase: h.phrase, term: h.term, category: h.category, rule_id: h.rule_id, severity: h.severity, alternative: h.alternative, start: Number(h.span_start), end: Number(h.span_end) });
    hitsBySegment.set(h.event_id, list);
  }
  const topicCounts = new Map<string, number>();
  const shown = segments.slice(0, limit).map((s) => {
    const topics = s.speaker === 'viewer' ? classifier!.classify(s.text) : [];
    for (const t of topics) topicCounts.set(t, (topicCounts.get(t) ?? 0) + 1);
    return { ...s, offset_ms: Number(s.offset_ms), hits: hitsBySegment.get(s.event_id) ?? [], topics };
  });
  return {
    live_session_id: sessionId,
    host_id: owner.host_id,
    shop_id: owner.shop_id,
    span: {
      started_at: isoOrNull(span?.first_segment_at),
      ended_at: isoOrNull(span?.last_segment_at),
      first_order_at: isoOrNull(span?.first_order_at),
      last_order_at: isoOrNull(span?.last_order_at),
    },
    segments: shown,
    orders_by_minute: minutes.map((m) => ({ minute: Number(m.minute), orders: Number(m.orders), refunded_orders: Number(m.refunded_orders), gmv: Number(m.gmv) })),
    viewer_topics: [...topicCounts].map(([topic, comments]) => ({ topic, comments })).sort((a, b) => b.comments - a.comments),
    truncated: segments.length > limit,
  };
}
