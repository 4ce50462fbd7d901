import { CONTRACTS, TOPICS, type Topic } from '../../contracts/index.ts';
import { queryRows, type ClickHouseClient } from '../../warehouse/client.ts';

// The queries the tests judge by: FINAL (what every KPI reads) next to uniqExact(event_id), so a
// replayed event that did not merge away shows up as a difference.

export interface EventCounts {
  /** count() FROM … FINAL */
  final: Record<Topic, number>;
  /** uniqExact(event_id) */
  distinct: Record<Topic, number>;
  /** count() without FINAL: replays not merged yet are still in here */
  raw: Record<Topic, number>;
}

export async function eventCounts(client: ClickHouseClient, tag: string): Promise<EventCounts> {
  const out: EventCounts = { final: {} as Record<Topic, number>, distinct: {} as Record<Topic, number>, raw: {} as Record<Topic, number> };
  for (const topic of TOPICS) {
    const table = CONTRACTS[topic].table;
    const [row] = await queryRows<{ f: string; d: string; r: string }>(
      client,
      `SELECT (SELECT count() FROM ${table} FINAL WHERE startsWith(event_id, {tag:String})) AS f,
              (SELECT uniqExact(event_id) FROM ${table} WHERE startsWith(event_id, {tag:String})) AS d,
              (SELECT count() FROM ${table} WHERE startsWith(event_id, {tag:String})) AS r`,
      { tag },
    );
    out.final[topic] = Number(row?.f ?? 0);
    out.distinct[topic] = Number(row?.d ?? 0);
    out.raw[topic] = Number(row?.r ?? 0);
  }
  return out;
}

/** Dead letters per topic, FINAL (a replayed bad message merges with its first copy). */
export async function deadLetterCounts(client: ClickHouseClient): Promise<Record<Topic, number>> {
  const rows = await queryRows<{ topic: string; c: string }>(client, `SELECT topic, count() AS c FROM dead_letters FINAL WHERE source = 'kafka' GROUP BY topic`);
  const out = Object.fromEntries(TOPICS.map((t) => [t, 0])) as Record<Topic, number>;
  for (const r of rows) out[r.topic as Topic] = Number(r.c);
  return out;
}

/** KPI-style: refunds whose latest step by occurred_at is `refunded`, and the total order value. */
export async function kpiFigures(client: ClickHouseClient, tag: string): Promise<{ refundedRefunds: number; refunds: number; orderCents: number }> {
  const [r] = await queryRows<{ done: string; all: string }>(
    client,
    `SELECT countIf(latest = 'refunded') AS done, count() AS all FROM
       (SELECT refund_id, argMax(status, occurred_at) AS latest FROM refund_events FINAL
        WHERE startsWith(event_id, {tag:String}) GROUP BY refund_id)`,
    { tag },
  );
  const [o] = await queryRows<{ cents: string }>(
    client,
    `SELECT toInt64(sum(amount) * 100) AS cents FROM orders FINAL WHERE startsWith(event_id, {tag:String})`,
    { tag },
  );
  return { refundedRefunds: Number(r?.done ?? 0), refunds: Number(r?.all ?? 0), orderCents: Number(o?.cents ?? 0) };
}
