import { describe, expect, it } from 'vitest';
import type { FeedItem } from './alert-feed.ts';
import { firingMembers, groupAlerts, groupMatchers, localInputValue, parseSilenceEnd } from './alert-groups.ts';

const item = (fp: string, rule: string, state: string, at: number, extra: Partial<FeedItem> = {}): FeedItem => ({
  fingerprint: fp,
  rule,
  title: rule,
  severity: 'warning',
  state,
  at,
  evidence: { summary: '', window: { from: '', to: '' }, numbers: {}, action: '', drilldown: { dashboard: '' } },
  subject: {},
  labels: {},
  drilldown: '',
  actor: '',
  silenced: false,
  live: false,
  eventIds: [],
  ...extra,
});

describe('alert groups', () => {
  it('groups by the engine group key, counting members per state, open groups first', () => {
    const g = { key: 'g1', labels: { shop_id: 'S1' } };
    const groups = groupAlerts([
      item('a', 'viewer_question_spike', 'firing', 3, { group: g }),
      item('b', 'viewer_question_spike', 'acknowledged', 5, { group: g }),
      item('c', 'viewer_question_spike', 'firing', 1, { group: { key: 'g2', labels: { shop_id: 'S2' } } }),
      item('d', 'merchant_sla', 'pending', 9, { group: { key: 'g3', labels: {} }, severity: 'critical' }),
      item('e', 'viewer_question_spike', 'firing', 2, { group: g }),
    ]);
    expect(groups.map((x) => x.key)).toEqual(['g1', 'g2', 'g3']);
    const g1 = groups[0]!;
    expect(g1.members.map((m) => m.fingerprint)).toEqual(['b', 'a', 'e']);
    expect(g1.counts).toEqual({ firing: 2, acknowledged: 1 });
    expect(g1.serverKey).toBe(true);
    expect(firingMembers(g1).map((m) => m.fingerprint)).toEqual(['a', 'e']);
    expect(groupMatchers(g1)).toEqual([
      { name: 'rule', op: '=', value: 'viewer_question_spike' },
      { name: 'shop_id', op: '=', value: 'S1' },
    ]);
    expect(groups[2]!.severity).toBe('critical');
  });

  it('without a group from the API, groups by rule alone and silences by rule', () => {
    const groups = groupAlerts([item('a', 'r1', 'firing', 1), item('b', 'r1', 'firing', 2), item('c', 'r2', 'resolved', 3)]);
    expect(groups.map((g) => [g.key, g.members.length, g.serverKey])).toEqual([
      ['rule:r1', 2, false],
      ['rule:r2', 1, false],
    ]);
    expect(groupMatchers(groups[0]!)).toEqual([{ name: 'rule', op: '=', value: 'r1' }]);
  });

  it('reads a silence end from a datetime-local value and refuses one in the past', () => {
    const now = Date.parse('2026-12-01T10:00:00');
    expect(localInputValue(now + 3_600_000)).toBe('2026-12-01T11:00');
    const ok = parseSilenceEnd('2026-12-01T11:00', now);
    expect(ok.ok && ok.at.getTime()).toBe(now + 3_600_000);
    expect(parseSilenceEnd('2026-12-01T09:59', now)).toEqual({ ok: false, reason: 'past' });
    expect(parseSilenceEnd('', now)).toEqual({ ok: false, reason: 'empty' });
    expect(parseSilenceEnd('not a date', now)).toEqual({ ok: false, reason: 'invalid' });
  });
});
