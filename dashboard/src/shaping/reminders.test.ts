import { describe, expect, it } from 'vitest';
import type { HostReminder } from '../api/live-types.ts';
import { addReminder, highlight, highlightMany, latencyMs, REMINDERS_MAX } from './reminders.ts';
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

  it('marks the phrase at its span', () => {
    expect(highlight('这个面霜绝对是全网最低价', 7, 12)).toEqual([
      { text: '这个面霜绝对是', hit: false },
      { text: '全网最低价', hit: true },
    ]);
  });

  it('falls back to the phrase when the span is outside the text', () => {
    expect(highlight('说百分百有效', 40, 50, '百分百有效')).toEqual([
      { text: '说', hit: false },
      { text: '百分百有效', hit: true },
    ]);
    expect(highlight('没有命中', 40, 50, 'x')).toEqual([{ text: '没有命中', hit: false }]);
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
