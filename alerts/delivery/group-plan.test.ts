import { describe, expect, it } from 'vitest';
import { groupOf, groupPolicyOf } from '../grouping.ts';
import type { GroupState } from '../types.ts';
import { groupViewFor } from './group-json.ts';
import { planGroup, type CurrentAlert, type PlanInput } from './group-plan.ts';

const T0 = Date.UTC(2026, 10, 20, 12);
const S = 1000;
const MIN = 60 * S;
const policy = groupPolicyOf({ id: 'r', repeatIntervalMinutes: 60, groupBy: ['category'], groupWaitSeconds: 30, groupIntervalSeconds: 300 });
const group = { key: 'k'.repeat(24), labels: { category: '服饰' }, title: 'T', severity: 'warning' as const, audiences: ['ops' as const] };

function alert(n: number, over: Partial<CurrentAlert> = {}): CurrentAlert {
  return {
    fingerprint: `fp${String(n).padStart(3, '0')}`,
    episode: `ep${n}`,
    subject: { sku_id: `SKU${n}` },
    labels: { sku_id: `SKU${n}`, category: '服饰' },
    state: 'firing',
    startedAt: T0,
    firedAt: T0,
    resolvedAt: null,
    evidence: { summary: `SKU${n}`, window: { from: '', to: '' }, numbers: {}, action: 'a', drilldown: { dashboard: '/#/' } },
    ...over,
  };
}
const plan = (over: Partial<PlanInput>) => planGroup({ policy, group, state: undefined, current: [], gone: new Map(), now: T0, ...over });
function sent(over: Partial<PlanInput>) {
  const out = plan(over);
  if (!out.send) throw new Error(`expected a notification, got none (due ${out.dueAt})`);
  return out;
}

describe('group keys', () => {
  it('depend on the rule and the groupBy values only; a missing label is empty', () => {
    const a = groupOf('r', ['category'], { category: '服饰', sku_id: '1' });
    expect(groupOf('r', ['category'], { category: '服饰', sku_id: '2' })).toEqual(a);
    expect(groupOf('r', ['category'], { category: '美妆' }).key).not.toBe(a.key);
    expect(groupOf('other', ['category'], { category: '服饰' }).key).not.toBe(a.key);
    expect(groupOf('r', ['category'], {})).toEqual({ key: expect.stringMatching(/^[0-9a-f]{24}$/) as string, labels: { category: '' } });
    expect(groupOf('r', [], { category: '服饰' }).labels).toEqual({});
  });
});

describe('when a group is notified (Alertmanager semantics)', () => {
  const burst = Array.from({ length: 40 }, (_, i) => alert(i, { firedAt: T0 + (i % 5) * S }));

  it('a new group waits group_wait from its first alert, then sends every member in one notification', () => {
    expect(plan({ current: burst, now: T0 + 29 * S })).toEqual({ send: false, dueAt: T0 + 30 * S });
    const out = sent({ current: burst, now: T0 + 30 * S });
    expect(out.notification).toMatchObject({ kind: 'new', seq: 1, key: group.key, labels: { category: '服饰' } });
    expect(out.notification.members).toHaveLength(40);
    expect(out.notification.members.every((m) => m.change === 'firing' && m.state === 'firing')).toBe(true);
    expect(Object.keys(out.state.members)).toHaveLength(40);
    expect(out.state.lastNotifiedAt).toBe(T0 + 30 * S);
  });

  const notified: GroupState = { key: group.key, rule: 'r', labels: group.labels, seq: 1, lastNotifiedAt: T0 + 30 * S, members: Object.fromEntries(burst.map((a) => [a.fingerprint, { episode: a.episode, state: 'firing' as const }])) };

  it('changes to a notified group wait for group_interval and go out together', () => {
    const second = [...burst, alert(100), alert(101)];
    expect(plan({ state: notified, current: second, now: T0 + 2 * MIN })).toEqual({ send: false, dueAt: T0 + 30 * S + 5 * MIN });
    const out = sent({ state: notified, current: second, now: T0 + 30 * S + 5 * MIN });
    expect(out.notification.kind).toBe('update');
    expect(out.notification.seq).toBe(2);
    expect(out.notification.members.filter((m) => m.change === 'firing').map((m) => m.fingerprint)).toEqual(['fp100', 'fp101']);
    expect(out.notification.members).toHaveLength(42);
  });

  it('an unchanged group is silent until repeat_interval, and acknowledged members do not repeat', () => {
    expect(plan({ state: notified, current: burst, now: T0 + 30 * MIN })).toEqual({ send: false, dueAt: T0 + 30 * S + 60 * MIN });
    const out = sent({ state: notified, current: burst, now: T0 + 30 * S + 60 * MIN });
    expect(out.notification.kind).toBe('repeat');
    expect(out.notification.members.every((m) => m.change === null)).toBe(true);

    const allAcked: GroupState = { ...notified, members: Object.fromEntries(burst.map((a) => [a.fingerprint, { episode: a.episode, state: 'acknowledged' as const }])) };
    expect(plan({ state: allAcked, current: burst.map((a) => ({ ...a, state: 'acknowledged' })), now: T0 + 10 * 60 * MIN })).toEqual({ send: false, dueAt: null });
  });

  it('an acknowledgement and a resolution are changes; a resolved member is listed once, then dropped', () => {
    const current = burst.slice(1).map((a, i) => (i === 0 ? { ...a, state: 'acknowledged' as const } : a));
    const gone = new Map([[burst[0]!.fingerprint, { ...burst[0]!, state: 'resolved' as const, resolvedAt: T0 + 3 * MIN }]]);
    const out = sent({ state: notified, current, gone, now: T0 + 6 * MIN });
    const changes = out.notification.members.filter((m) => m.change !== null).map((m) => `${m.fingerprint}:${m.change}`);
    expect(changes).toEqual(['fp001:acknowledged', 'fp000:resolved']);
    expect(out.notification.members.find((m) => m.fingerprint === 'fp000')).toMatchObject({ state: 'resolved', resolvedAt: T0 + 3 * MIN });
    expect(out.state.members.fp000).toBeUndefined();
    expect(out.state.members.fp001).toEqual({ episode: 'ep1', state: 'acknowledged' });
  });

  it('a member that left the group while still firing (silenced, or moved by a groupBy edit) is dropped without a message', () => {
    const gone = new Map([[burst[0]!.fingerprint, burst[0]!]]);
    expect(plan({ state: notified, current: burst.slice(1), gone, now: T0 + 60 * MIN })).toEqual({ send: false, dueAt: T0 + 30 * S + 60 * MIN });
  });

  it('once every member resolved and was notified, the group is new again (group_wait, not group_interval)', () => {
    const emptied: GroupState = { ...notified, seq: 2, lastNotifiedAt: T0 + 10 * MIN, members: {} };
    const again = [alert(7, { episode: 'ep7b', firedAt: T0 + 11 * MIN })];
    expect(plan({ state: emptied, current: again, now: T0 + 11 * MIN + 10 * S })).toEqual({ send: false, dueAt: T0 + 11 * MIN + 30 * S });
    const out = sent({ state: emptied, current: again, now: T0 + 11 * MIN + 30 * S });
    expect(out.notification).toMatchObject({ kind: 'new', seq: 3 });
    expect(out.notification.id).not.toBe(sent({ current: again, now: T0 + 12 * MIN }).notification.id);
  });
});

describe('what one receiver gets of a notification', () => {
  const members = [alert(1), alert(2, { labels: { sku_id: 'SKU2', category: '美妆' } })];
  const first = sent({ current: members, now: T0 + 30 * S }).notification;
  const inApparel = (m: { labels: Record<string, string> }) => m.labels.category === '服饰';

  it('only the members it may see, and nothing when none is left', () => {
    expect(groupViewFor(first, inApparel, ['firing'])?.members.map((m) => m.fingerprint)).toEqual(['fp001']);
    expect(groupViewFor(first, () => false, ['firing'])).toBeUndefined();
  });

  it('only when a visible member changed the way it asked for (notifyOn), or a repeat it wants', () => {
    const state: GroupState = { key: group.key, rule: 'r', labels: group.labels, seq: 1, lastNotifiedAt: T0 + 30 * S, members: { fp001: { episode: 'ep1', state: 'firing' }, fp002: { episode: 'ep2', state: 'firing' } } };
    const ackOfOther = sent({ state, current: [alert(1), { ...alert(2, { labels: { sku_id: 'SKU2', category: '美妆' } }), state: 'acknowledged' }], now: T0 + 6 * MIN }).notification;
    expect(groupViewFor(ackOfOther, () => true, ['firing', 'repeat', 'resolved'])).toBeUndefined();
    expect(groupViewFor(ackOfOther, () => true, ['acknowledged'])?.members).toHaveLength(2);
    expect(groupViewFor(ackOfOther, inApparel, ['acknowledged'])).toBeUndefined();
    const repeat = sent({ state, current: members, now: T0 + 30 * S + 60 * MIN }).notification;
    expect(groupViewFor(repeat, inApparel, ['firing', 'repeat'])?.members).toHaveLength(1);
    expect(groupViewFor(repeat, inApparel, ['firing'])).toBeUndefined();
  });
});
