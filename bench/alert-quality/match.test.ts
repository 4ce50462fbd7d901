import { describe, expect, it } from 'vitest';
import { scoreWorld } from './match.ts';
import { summarise } from './summary.ts';
import type { FiredAlert, PlantedIncident, WorldResult } from './world.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 15, 12);

function incident(over: Partial<PlantedIncident> = {}): PlantedIncident {
  return {
    id: 'INC-1',
    kind: 'session_refund_spike',
    title: 'spike',
    subject: { host_id: 'HOST004', live_session_id: 'LS1', shop_id: 'SHOP004' },
    startMs: T0,
    endMs: T0 + 3 * H,
    start: '',
    end: '',
    expectedAlert: { rule: 'session_refund_spike', condition: '' },
    mayAlsoTrigger: ['high_return_sku'],
    effect: 6,
    effectUnit: '×',
    documentedEffect: 3,
    ...over,
  };
}
const alert = (rule: string, subject: Record<string, string>, at: number, labels: Record<string, string> = {}): FiredAlert => ({ rule, subject, labels, at });

describe('matching alerts to planted incidents', () => {
  it('an alert of the expected rule on the incident subject within its span + grace catches it, with its delay', () => {
    const s = scoreWorld([incident()], [alert('session_refund_spike', { live_session_id: 'LS1' }, T0 + 30 * H)]);
    expect(s.outcomes[0]).toMatchObject({ caught: true, delayMs: 30 * H, refirings: 0 });
    expect(s.falseAlerts).toEqual([]);
  });

  it('an alert of the right rule on the wrong subject is a false alert and catches nothing', () => {
    const s = scoreWorld([incident()], [alert('session_refund_spike', { live_session_id: 'LS2' }, T0 + H)]);
    expect(s.outcomes[0]!.caught).toBe(false);
    expect(s.falseAlerts).toHaveLength(1);
  });

  it('an alert long after the incident (past the grace) is false', () => {
    const s = scoreWorld([incident()], [alert('session_refund_spike', { live_session_id: 'LS1' }, T0 + 3 * H + 8 * 24 * H)]);
    expect(s.outcomes[0]!.caught).toBe(false);
    expect(s.falseAlerts).toHaveLength(1);
  });

  it("an alert of a rule in the incident's mayAlsoTrigger, about the incident's shop, is a side effect, not false", () => {
    const side = alert('high_return_sku', { sku_id: 'SKU9' }, T0 + 20 * H, { shop_id: 'SHOP004', category: '美妆' });
    const s = scoreWorld([incident()], [side]);
    expect(s.sideEffects).toEqual([side]);
    expect(s.falseAlerts).toEqual([]);
  });

  it('the same mayAlsoTrigger rule about an unrelated shop is false', () => {
    const s = scoreWorld([incident()], [alert('high_return_sku', { sku_id: 'SKU9' }, T0 + 20 * H, { shop_id: 'SHOP001' })]);
    expect(s.sideEffects).toEqual([]);
    expect(s.falseAlerts).toHaveLength(1);
  });

  it('a second episode on a caught incident is a refiring, not a second catch or a false alert', () => {
    const s = scoreWorld([incident()], [alert('session_refund_spike', { live_session_id: 'LS1' }, T0 + 50 * H), alert('session_refund_spike', { live_session_id: 'LS1' }, T0 + 10 * H)]);
    expect(s.outcomes[0]).toMatchObject({ caught: true, delayMs: 10 * H, refirings: 1 });
    expect(s.falseAlerts).toEqual([]);
  });

  it('a viewer spike matches by session (its topic id differs from the manifest label)', () => {
    const flood = incident({ kind: 'viewer_question_spike', expectedAlert: { rule: 'viewer_question_spike', condition: '' }, subject: { live_session_id: 'LS7', topic: '材质' }, mayAlsoTrigger: [] });
    const s = scoreWorld([flood], [alert('viewer_question_spike', { live_session_id: 'LS7', topic: 'material' }, T0 + H)]);
    expect(s.outcomes[0]!.caught).toBe(true);
  });

  it('borderline incidents are kept out of recall; quiet-world false alerts are counted per simulated day', () => {
    const world = (id: string, incidents: boolean, planted: PlantedIncident[], alerts: FiredAlert[]): WorldResult => ({
      spec: { id, seed: 1, size: 'default', scale: 1, incidents, anchorMs: T0, days: 3 },
      incidents: planted, alerts, evaluatedMs: { session_refund_spike: 3 * 24 * H }, windows: {}, events: { stored: 0, transcripts: 0 },
      seconds: { generateAndIngest: 0, backtest: 0, total: 0 },
    });
    const [f] = summarise(
      [
        world('a', true, [incident({ effect: 1.8 })], []),
        world('b', true, [incident()], [alert('session_refund_spike', { live_session_id: 'LS1' }, T0 + H)]),
        world('q', false, [], [alert('session_refund_spike', { live_session_id: 'LS5' }, T0)]),
      ],
      ['session_refund_spike'],
    );
    expect(f).toMatchObject({ planted: 1, caught: 1, missed: 0, borderlinePlanted: 1, borderlineCaught: 0, recall: 1, precision: 1, falseAlerts: 0, quietFalse: 1 });
    expect(f!.quietFalsePerDay).toBeCloseTo(1 / 3);
  });
});
