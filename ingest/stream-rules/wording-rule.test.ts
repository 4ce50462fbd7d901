import { describe, expect, it } from 'vitest';
import { ReminderBus, type HostReminder } from '../../realtime/reminders.ts';
import { createDetector, loadLexicon } from '../../wording/index.ts';
import { transcript } from '../../test/helpers/fixtures.ts';
import { wordingRule, type HostHitBurst } from './wording-rule.ts';

const detector = createDetector(loadLexicon());
const NOW = Date.parse('2026-11-20T12:15:00Z');

function setup(over: { burstThreshold?: number } = {}) {
  const bus = new ReminderBus();
  const stored: string[] = [];
  const bursts: HostHitBurst[] = [];
  const rule = wordingRule({
    detector,
    bus,
    storeHits: (rows) => stored.push(...rows),
    onBurst: (b) => bursts.push(b),
    now: () => NOW,
    burstThreshold: over.burstThreshold ?? 3,
  });
  const got: Record<string, HostReminder[]> = { H1: [], H2: [] };
  for (const host of ['H1', 'H2']) bus.subscribe((r) => r.host_id === host, (r) => got[host]!.push(r));
  return { rule, stored, bursts, got };
}

const live = (s: number) => new Date(NOW - s * 1000).toISOString();

describe('in-stream wording rule', () => {
  it('pushes one reminder per hit to that host only, with phrase, rule and a safer wording', () => {
    const { rule, got, stored } = setup();
    const seg = transcript({ event_id: 'seg-1', host_id: 'H1', text: '家人们这款面霜全网最低价，100%有效！', occurred_at: live(1) });
    rule('livestream-transcripts', seg);
    expect(got.H2).toEqual([]);
    expect(got.H1!.length).toBeGreaterThanOrEqual(2);
    const r = got.H1![0]!;
    expect(r).toMatchObject({ kind: 'wording_hit', host_id: 'H1', live_session_id: 'L1' });
    if (r.kind !== 'wording_hit') throw new Error('unreachable');
    expect(seg.text.slice(r.start, r.end)).toBe(r.phrase);
    expect(r.alternative.length).toBeGreaterThan(0);
    expect(stored).toHaveLength(got.H1!.length);
  });

  it('ignores viewers and ordinary speech, and does not repeat a replayed segment', () => {
    const { rule, got, stored } = setup();
    rule('livestream-transcripts', transcript({ event_id: 'v', speaker: 'viewer', text: '这个是全网最低价吗', occurred_at: live(1) }));
    rule('livestream-transcripts', transcript({ event_id: 'o', text: '最近天气冷，第一次来的宝宝们点个关注', occurred_at: live(1) }));
    const risky = transcript({ event_id: 'r', text: '有问题加我微信', occurred_at: live(1) });
    rule('livestream-transcripts', risky);
    rule('livestream-transcripts', risky);
    expect(got.H1!.length).toBe(1);
    expect(stored).toHaveLength(1);
  });

  it('stores hits of old (backfilled) segments without pushing them to consoles', () => {
    const { rule, got, stored } = setup();
    rule('livestream-transcripts', transcript({ event_id: 'old', text: '绝对正品假一赔十', occurred_at: '2026-11-01T12:00:00Z' }));
    expect(got.H1).toEqual([]);
    expect(stored.length).toBeGreaterThan(0);
  });

  it('tells ops when a host reaches the hit threshold within 10 minutes, not before', () => {
    const { rule, bursts } = setup({ burstThreshold: 3 });
    rule('livestream-transcripts', transcript({ event_id: 'b1', text: '全网最低价', occurred_at: live(600 + 60) }));
    rule('livestream-transcripts', transcript({ event_id: 'b2', text: '这个能根治痘痘', occurred_at: live(120) }));
    expect(bursts).toEqual([]); // the first hit fell out of the 10-minute window
    rule('livestream-transcripts', transcript({ event_id: 'b3', text: '绝对正品', occurred_at: live(60) }));
    expect(bursts).toEqual([]);
    rule('livestream-transcripts', transcript({ event_id: 'b4', text: '加我微信', occurred_at: live(30) }));
    expect(bursts).toHaveLength(1);
    expect(bursts[0]).toMatchObject({ host_id: 'H1', hits_in_window: 3, threshold: 3 });
  });

  it('judges policy- and category-dependent claims by the SKU on screen', () => {
    const bus = new ReminderBus();
    const stored: string[] = [];
    const rule = wordingRule({
      detector, bus, storeHits: (rows) => stored.push(...rows), now: () => NOW,
      refundPolicyOf: (sku) => ({ FRUIT: 'quality_only', SHIRT: '7day_no_reason' })[sku],
      skuCategoryOf: (sku) => ({ FRUIT: '生鲜', SHIRT: '服饰', STERILIZER: '家居', CREAM: '美妆' })[sku],
    });
    const say = (event_id: string, sku_id: string, text: string): void => rule('livestream-transcripts', transcript({ event_id, sku_id, text, occurred_at: live(1) }));
    say('f', 'FRUIT', '生鲜不支持七天无理由，坏果包赔');
    say('s', 'STERILIZER', '高温杀菌，碗筷放进去就行');
    expect(stored).toEqual([]);
    say('t', 'SHIRT', '这件不支持七天无理由');
    say('c', 'CREAM', '这个面霜还能杀菌');
    expect(stored.map((r) => (JSON.parse(r) as { rule_id: string }).rule_id)).toEqual(['after_sales.deny_statutory_return', 'medical.antibacterial']);
  });
});
