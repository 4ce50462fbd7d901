import { describe, expect, it } from 'vitest';
import type { Tile } from '../api/types.ts';
import { hasOwnWindow, orderTiles, tileView, toneOf } from './tiles.ts';

const w = { from: '2026-11-21T00:00:00.000Z', to: '2026-11-22T00:00:00.000Z' };
const tile = (key: string, unit: Tile['unit'], value: number | null, previous: number | null, extra: Partial<Tile> = {}): Tile => ({
  key,
  unit,
  value,
  previous,
  numerator: null,
  denominator: null,
  window: w,
  previous_window: { from: '2026-11-20T00:00:00.000Z', to: w.from },
  ...extra,
});

describe('KPI tiles', () => {
  it('colours a change by whether it is good for that KPI', () => {
    expect(tileView(tile('refund_requests', 'count', 715, 584), 'zh-CN').tone).toBe('bad');
    expect(tileView(tile('success_rate', 'ratio', 0.9, 0.8), 'zh-CN').tone).toBe('good');
    expect(tileView(tile('automation_share', 'ratio', 0.3, 0.4), 'zh-CN').tone).toBe('bad');
    expect(tileView(tile('delay_rate', 'ratio', 0.1, 0.2), 'zh-CN').tone).toBe('good');
    expect(toneOf('unknown_kpi', { direction: 'up', text: '' })).toBe('neutral');
    expect(tileView(tile('csat_mean', 'score', 3.8, null), 'zh-CN').tone).toBe('neutral');
  });

  it('shows the counts behind a rate', () => {
    const v = tileView(tile('rejection_rate', 'ratio', 29 / 441, 0.048, { numerator: 29, denominator: 441 }), 'en');
    expect(v.value).toBe('6.6%');
    expect(v.fraction).toBe('29 / 441');
    expect(v.delta.text).toBe('+1.8 pp');
  });

  it('orders tiles with the refund flow first and keeps unknown ones at the end', () => {
    const keys = orderTiles([tile('new_kpi', 'count', 1, 1), tile('delay_rate', 'ratio', 0, 0), tile('refund_requests', 'count', 1, 1)]).map((t) => t.key);
    expect(keys).toEqual(['refund_requests', 'delay_rate', 'new_kpi']);
  });

  it('knows which tiles cover a window of their own (7-day cohort, backlog now)', () => {
    expect(hasOwnWindow(tile('refund_requests', 'count', 1, 1), w)).toBe(false);
    expect(hasOwnWindow(tile('return_rate_7d', 'ratio', 0.01, 0.01, { window: { from: '2026-11-15T00:00:00.000Z', to: w.to } }), w)).toBe(true);
  });
});
