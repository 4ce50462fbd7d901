import type { Tile } from '../api/types.ts';
import { delta, formatValue, type Delta, type Lang } from './format.ts';

/**
 * Overview tiles: which way is good, how they are grouped, and each one's display strings —
 * value, change against the previous period, and the windows both cover.
 */

/** +1: a rise is good; −1: a rise is bad. */
export const POLARITY: Record<string, 1 | -1> = {
  refund_requests: -1,
  processing_time_mean_s: -1,
  processing_time_p50_s: -1,
  processing_time_p90_s: -1,
  rejection_rate: -1,
  success_rate: 1,
  automation_share: 1,
  timeout_share: -1,
  csat_mean: 1,
  csat_share_4_5: 1,
  return_rate_7d: -1,
  quality_return_rate_7d: -1,
  delay_rate: -1,
  stalled_shipments: -1,
  pickup_overdue: -1,
};

/** The refund flow's KPIs and satisfaction, in the order tiles and trend pickers list them. */
export const FLOW_KPIS = [
  'refund_requests',
  'processing_time_p50_s',
  'processing_time_p90_s',
  'rejection_rate',
  'success_rate',
  'automation_share',
  'timeout_share',
  'csat_mean',
] as const;

/** Display order: the refund flow first, then satisfaction, returns and logistics. */
export const TILE_ORDER: string[] = [
  ...FLOW_KPIS,
  'return_rate_7d',
  'quality_return_rate_7d',
  'delay_rate',
  'stalled_shipments',
  'pickup_overdue',
  'processing_time_mean_s',
  'csat_share_4_5',
];

export type Tone = 'good' | 'bad' | 'neutral';

export interface TileView {
  key: string;
  value: string;
  previous: string;
  delta: Delta;
  tone: Tone;
  /** "60 / 7,219" when the tile has a numerator and denominator. */
  fraction: string | null;
  tile: Tile;
}

export function toneOf(key: string, d: Delta): Tone {
  if (d.direction === 'up' || d.direction === 'down') {
    const p = POLARITY[key] ?? 0;
    if (p === 0) return 'neutral';
    return (d.direction === 'up') === (p === 1) ? 'good' : 'bad';
  }
  return 'neutral';
}

export function tileView(t: Tile, lang: Lang): TileView {
  const d = delta(t.value, t.previous, t.unit, lang);
  const fraction =
    t.numerator !== null && t.denominator !== null
      ? `${formatValue(t.numerator, 'count', lang)} / ${formatValue(t.denominator, 'count', lang)}`
      : null;
  return {
    key: t.key,
    value: formatValue(t.value, t.unit, lang),
    previous: formatValue(t.previous, t.unit, lang),
    delta: d,
    tone: toneOf(t.key, d),
    fraction,
    tile: t,
  };
}

/** Tiles in display order; unknown keys (a newer server) go last rather than vanish. */
export function orderTiles(tiles: Tile[]): Tile[] {
  const rank = (k: string) => {
    const i = TILE_ORDER.indexOf(k);
    return i === -1 ? TILE_ORDER.length : i;
  };
  return [...tiles].sort((a, b) => rank(a.key) - rank(b.key));
}

/** Whether a tile's windows differ from the page's (7-day cohort, backlog "now vs then"). */
export function hasOwnWindow(t: Tile, page: { from: string; to: string }): boolean {
  return t.window.from !== page.from || t.window.to !== page.to;
}
