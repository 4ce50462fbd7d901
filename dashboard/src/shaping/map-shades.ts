import type { LogisticsFigures } from '../api/types.ts';
import type { RegionBar } from './regions.ts';

/**
 * The province map's colours (issue #17): one value per province for the chosen metric, in five
 * steps of a sequential scale. The delay rate is stepped by its ratio to the national rate
 * (below 0.75×, around 1×, 1.25–2×, 2–3×, over 3×: the regional-delay rule fires over 2×), so the
 * map reads "against the country" as the rule does and ordinary provinces do not all look alike;
 * without a national rate, and for the stalled / pickup-overdue counts, by even fifths of the
 * largest province's value. Either way the worst province is the darkest. Provinces with nothing
 * due (delay rate) have no value and are drawn grey. The legend carries the national figure.
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

/** Upper bounds of the first four steps of the delay rate, as multiples of the national rate. */
export const RATIO_STEPS = [0.75, 1.25, 2, 3] as const;

export function ratioLevel(value: number | null, national: number): number {
  if (value === null) return -1;
  const r = value / national;
  const i = RATIO_STEPS.findIndex((b) => r < b);
  return i < 0 ? RATIO_STEPS.length : i;
}

export function levelOf(value: number | null, max: number): number {
  if (value === null) return -1;
  if (max <= 0) return 0;
  return Math.min(SHADES.length - 1, Math.floor((value / max) * SHADES.length));
}

/** `byRatio`: the steps are RATIO_STEPS × `national` (delay rate with a national rate above 0). */
export function provinceShades(
  bars: readonly RegionBar[],
  metric: MapMetric,
  national: number | null = null,
): { shades: Map<string, ProvinceShade>; max: number; byRatio: boolean } {
  const values = bars.map((b) => [b.code, mapValue(b, metric)] as const);
  const max = Math.max(0, ...values.map(([, v]) => v ?? 0));
  const byRatio = metric === 'delay_rate' && national !== null && national > 0;
  const shades = new Map<string, ProvinceShade>();
  for (const [code, value] of values) {
    const level = byRatio ? ratioLevel(value, national) : levelOf(value, max);
    shades.set(code, { code, value, level, fill: level < 0 ? NO_DATA : SHADES[level]! });
  }
  return { shades, max, byRatio };
}

/** The national figure shown in the legend, and where it sits on the scale (0–1; null: off the scale). */
export function nationalMark(n: LogisticsFigures, metric: MapMetric, max: number, byRatio = false): { value: number | null; at: number | null } {
  const value = metric === 'stalled' ? n.stalled : metric === 'pickup_overdue' ? n.pickup_overdue : n.delay_rate;
  // Counts: the national total is not on the per-province scale; only a rate is.
  if (metric !== 'delay_rate' || value === null) return { value, at: null };
  // 1× lies in the second step (0.75–1.25×), at its middle.
  if (byRatio) return { value, at: 1.5 / SHADES.length };
  return { value, at: max > 0 ? Math.min(1, value / max) : null };
}

/** The label of each step: the ratio bounds, or the value range of even fifths. */
export function stepLabels(byRatio: boolean, max: number, fmt: (v: number) => string): string[] {
  if (byRatio) return ['< 0.75×', '0.75–1.25×', '1.25–2×', '2–3×', '≥ 3×'];
  return SHADES.map((_, i) => `${fmt((max * i) / SHADES.length)}–${fmt((max * (i + 1)) / SHADES.length)}`);
}
