import { describe, expect, it } from 'vitest';
import type { HostReminder } from '../api/live-types.ts';
import { markHits } from './hit-marks.ts';
import { addReminder, highlightMany, latencyMs, REMINDERS_MAX } from './reminders.ts';
import { termSpans } from './transcript.ts';

const hit = (id: string): HostReminder => ({
  kind: 'wording_hit',
  id,
  host_id: 'H1',
  shop_id: 'S1',
  live_session_id: 'L1',
  sku_id: 'K1',
  occurred_at: '2026-11-22T01:00:00Z',
  offset_ms: 1000,
  speaker: 'host',
  text: '这个面霜绝对是全网最低价',
  phrase: '全网最低价',
  term: '全网最低价',
  category: 'absolute_claim',
  rule_id: 'absolute.lowest_price',
  severity: 'high',
  alternative: '今天直播间的优惠价',
  start: 7,
  end: 12,
  detected_at: 1000,
});

describe('host console reminders', () => {
  it('puts the newest first, once, and keeps a bounded list', () => {
    let list = addReminder([], hit('a'));
    list = addReminder(list, hit('b'));
    expect(addReminder(list, hit('a'))).toBe(list);
    expect(list.map((r) => r.id)).toEqual(['b', 'a']);
    for (let i = 0; i < REMINDERS_MAX + 5; i++) list = addReminder(list, hit(`x${i}`));
    expect(list).toHaveLength(REMINDERS_MAX);
  });

  it('marks the reminder phrase at its span (the card marks through markHits)', () => {
    const r = hit('a');
    if (r.kind !== 'wording_hit') throw new Error('fixture');
    expect(markHits(r.text, [r]).map((p) => [p.text, p.hits.length > 0])).toEqual([
      ['这个面霜绝对是', false],
      ['全网最低价', true],
    ]);
  });

  it('marks several spans, merging overlaps', () => {
    const text = '支持七天无理由退货';
    expect(highlightMany(text, termSpans(text, ['七天无理由', '无理由退', '退货']))).toEqual([
      { text: '支持', hit: false },
      { text: '七天无理由退货', hit: true },
    ]);
    expect(highlightMany('abc', [])).toEqual([{ text: 'abc', hit: false }]);
  });

  it('measures detection-to-screen latency', () => {
    expect(latencyMs(hit('a'), 1250)).toBe(250);
  });
});
