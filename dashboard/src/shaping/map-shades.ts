import type { LogisticsFigures } from '../api/types.ts';
import type { RegionBar } from './regions.ts';

/**
 * The province map's colours (issue #17): one value per province for the chosen metric (delay
 * rate, or the stalled / pickup-overdue counts of now), in five steps of a sequential scale from
 * 0 to the largest province's value, so the worst province is always the darkest. Provinces with
 * nothing due (delay rate) have no value and are drawn grey. The legend carries the national
 * figure (the rate, or the total for counts) on the same scale.
 */
export const MAP_METRICS = ['delay_rate', 'stalled', 'pickup_overdue'] as const;
export type MapMetric = (typeof MAP_METRICS)[number];

/** Light to dark (Tailwind orange 100–800: readable on white, distinct from the red "flag"). */
export const SHADES = ['#ffedd5', '#fdba74', '#f97316', '#c2410c', '#7c2d12'] as const;
export const NO_DATA = '#e5e7eb';

export interface ProvinceShade {
  code: string;
  value: number | null;
  /** 0 … SHADES.length - 1, or -1 without a value. */
  level: number;
  fill: string;
}

export function mapValue(b: RegionBar, metric: MapMetric): number | null {
  if (metric === 'stalled') return b.stalled;
  if (metric === 'pickup_overdue') return b.overdue;
  return b.due > 0 ? b.rate : null;
}

export function levelOf(value: number | null, max: number): number {
  if (value === null) return -1;
  if (max <= 0) return 0;
  return Math.min(SHADES.length - 1, Math.floor((value / max) * SHADES.length));
}

export function provinceShades(bars: readonly RegionBar[], metric: MapMetric): { shades: Map<string, ProvinceShade>; max: number } {
  const values = bars.map((b) => [b.code, mapValue(b, metric)] as const);
  const max = Math.max(0, ...values.map(([, v]) => v ?? 0));
  const shades = new Map<string, ProvinceShade>();
  for (const [code, value] of values) {
    const level = levelOf(value, max);
    shades.set(code, { code, value, level, fill: level < 0 ? NO_DATA : SHADES[level]! });
  }
  return { shades, max };
}

/** The national figure shown in the legend, and where it sits on the scale (0–1; null: off the scale). */
export function nationalMark(n: LogisticsFigures, metric: MapMetric, max: number): { value: number | null; at: number | null } {
  const value = metric === 'stalled' ? n.stalled : metric === 'pickup_overdue' ? n.pickup_overdue : n.delay_rate;
  // Counts: the national total is not on the per-province scale; only a rate is.
  const at = metric === 'delay_rate' && value !== null && max > 0 ? Math.min(1, value / max) : null;
  return { value, at };
}
