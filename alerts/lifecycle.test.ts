import { describe, expect, it } from 'vitest';
import { fingerprintOf, idempotencyKeyOf } from './fingerprint.ts';
import { effectiveState, step, type EpisodeActions, type RulePolicy } from './lifecycle.ts';
import type { AlertRecord, GroupResult } from './types.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 20, 12);

const rule: RulePolicy = { id: 'r1', title: 'Rule one', severity: 'warning', audiences: ['ops'], pendingWindows: 2, repeatIntervalMinutes: 60 };

function group(met: boolean, sku = 'SKU1'): GroupResult {
  return {
    subject: { sku_id: sku },
    labels: { sku_id: sku, category: '服饰' },
    met,
    why: met ? 'over' : 'under',
    score: met ? 2 : 0.5,
    evidence: { summary: sku, window: { from: '', to: '' }, numbers: { n: 1 }, action: 'act', drilldown: { dashboard: '/#/x' } },
  };
}

/** Runs windows in order; returns the transitions of each and the final record. */
function run(windows: Array<{ at: number; group?: GroupResult; actions?: EpisodeActions }>, policy = rule, start?: AlertRecord) {
  let record = start;
  const transitions: string[][] = [];
  for (const w of windows) {
    const out = step({ rule: policy, prev: record, group: w.group, at: w.at, ...(w.actions ? { actions: w.actions } : {}) });
    if (out.record) record = out.record;
    transitions.push(out.events.map((e) => `${e.from}→${e.transition}`));
  }
  return { record: record!, transitions };
}

describe('alert lifecycle', () => {
  it('pending for N windows, then firing; identity is the fingerprint of rule + subject', () => {
    const { record, transitions } = run([
      { at: T0, group: group(true) },
      { at: T0 + 5 * MIN, group: group(true) },
      { at: T0 + 10 * MIN, group: group(true) },
    ]);
    expect(transitions).toEqual([['none→pending'], ['pending→firing'], []]);
    expect(record.state).toBe('firing');
    expect(record.fingerprint).toBe(fingerprintOf('r1', { sku_id: 'SKU1' }));
    expect(record.firedAt).toBe(T0 + 5 * MIN);
    expect(record.startedAt).toBe(T0);
  });

  it('fires at once when pendingWindows is 1', () => {
    const { transitions } = run([{ at: T0, group: group(true) }], { ...rule, pendingWindows: 1 });
    expect(transitions).toEqual([['none→firing']]);
  });

  it('a pending alert whose condition clears becomes inactive, without a notification', () => {
    const { record, transitions } = run([{ at: T0, group: group(true) }, { at: T0 + 5 * MIN, group: group(false) }]);
    expect(transitions).toEqual([['none→pending'], ['pending→inactive']]);
    expect(record.state).toBe('inactive');
  });

  it('the pending count restarts after a window where the condition did not hold', () => {
    const { transitions } = run([
      { at: T0, group: group(true) },
      { at: T0 + 5 * MIN, group: group(false) },
      { at: T0 + 10 * MIN, group: group(true) },
      { at: T0 + 15 * MIN, group: group(true) },
    ]);
    expect(transitions).toEqual([['none→pending'], ['pending→inactive'], ['inactive→pending'], ['pending→firing']]);
  });

  it('resolves by itself when the condition clears, and when the group stops returning data', () => {
    const cleared = run([{ at: T0, group: group(true) }, { at: T0 + 5 * MIN, group: group(true) }, { at: T0 + 10 * MIN, group: group(false) }]);
    expect(cleared.transitions[2]).toEqual(['firing→resolved']);
    expect(cleared.record).toMatchObject({ state: 'resolved', resolvedBy: 'engine', resolvedAt: T0 + 10 * MIN });
    const gone = run([{ at: T0, group: group(true) }, { at: T0 + 5 * MIN, group: group(true) }, { at: T0 + 10 * MIN }], rule);
    expect(gone.transitions[2]).toEqual(['firing→resolved']);
  });

  it('repeats a still-firing alert after the repeat interval, not before', () => {
    const { transitions, record } = run([
      { at: T0, group: group(true) },
      { at: T0 + 5 * MIN, group: group(true) },
      { at: T0 + 60 * MIN, group: group(true) },
      { at: T0 + 65 * MIN, group: group(true) },
      { at: T0 + 130 * MIN, group: group(true) },
    ]);
    expect(transitions).toEqual([['none→pending'], ['pending→firing'], [], ['firing→repeat'], ['firing→repeat']]);
    expect(record.notifyCount).toBe(3);
  });

  it('acknowledged: derived from an ack of the episode, stops repeats, resolves from acknowledged', () => {
    const fired = run([{ at: T0, group: group(true) }, { at: T0 + 5 * MIN, group: group(true) }]).record;
    const ack: EpisodeActions = { acknowledged: { fingerprint: fired.fingerprint, episode: fired.episode, action: 'acknowledge', actor: 'ops1', comment: '', at: T0 + 6 * MIN } };
    expect(effectiveState(fired, ack)).toBe('acknowledged');
    const { transitions } = run(
      [
        { at: T0 + 70 * MIN, group: group(true), actions: ack },
        { at: T0 + 200 * MIN, group: group(false), actions: ack },
      ],
      rule,
      fired,
    );
    expect(transitions).toEqual([[], ['acknowledged→resolved']]);
  });

  it('a resolve by hand ends the episode; the condition must then hold N windows again, under a new episode', () => {
    const fired = run([{ at: T0, group: group(true) }, { at: T0 + 5 * MIN, group: group(true) }]).record;
    const resolved: EpisodeActions = { resolved: { fingerprint: fired.fingerprint, episode: fired.episode, action: 'resolve', actor: 'ops1', comment: 'handled', at: T0 + 7 * MIN } };
    const after = step({ rule, prev: fired, group: group(true), at: T0 + 10 * MIN, actions: resolved });
    expect(after.events.map((e) => `${e.from}→${e.transition}`)).toEqual(['resolved→pending']);
    expect(after.record?.episode).not.toBe(fired.episode);
    const again = step({ rule, prev: after.record, group: group(true), at: T0 + 15 * MIN });
    expect(again.events.map((e) => e.transition)).toEqual(['firing']);
    expect(again.events[0]!.eventId).not.toBe(eventIdOfFiring(fired));
  });

  it('ids are deterministic: the same window gives the same event ids; a new episode new idempotency keys', () => {
    const a = run([{ at: T0, group: group(true) }, { at: T0 + 5 * MIN, group: group(true) }]);
    const b = run([{ at: T0, group: group(true) }, { at: T0 + 5 * MIN, group: group(true) }]);
    expect(a.record.episode).toBe(b.record.episode);
    const later = run([{ at: T0 + 60 * MIN, group: group(true) }, { at: T0 + 65 * MIN, group: group(true) }]);
    expect(later.record.episode).not.toBe(a.record.episode);
    expect(idempotencyKeyOf('e1', 'ops')).not.toBe(idempotencyKeyOf('e1', 'cm'));
  });
});

function eventIdOfFiring(record: AlertRecord): string {
  return step({ rule, prev: { ...record, state: 'pending', pendingCount: 1 }, group: group(true), at: record.firedAt! }).events[0]!.eventId;
}
