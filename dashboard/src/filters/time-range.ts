/**
 * The global time range: a preset relative to now (`range=24h`) or a fixed window (`from`,
 * `to`), both carried in the URL. Every figure's previous period is the window of the same
 * length just before it, as the API computes it (kpi/filters.ts previousWindow).
 */

export const PRESETS = ['1h', '6h', '24h', '7d', '30d'] as const;
export type Preset = (typeof PRESETS)[number];
export const DEFAULT_PRESET: Preset = '24h';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PRESET_MS: Record<Preset, number> = { '1h': HOUR, '6h': 6 * HOUR, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };

export type Granularity = 'minute' | 'hour' | 'day';

export interface ResolvedRange {
  from: Date;
  to: Date;
  /** The preset in use, or null for a fixed window. */
  preset: Preset | null;
  granularity: Granularity;
}

export function isPreset(s: string | undefined): s is Preset {
  return (PRESETS as readonly string[]).includes(s ?? '');
}

/** Bucket size that gives a readable chart: at most a few hundred points. */
export function granularityFor(spanMs: number): Granularity {
  if (spanMs <= 6 * HOUR) return 'minute';
  if (spanMs <= 14 * DAY) return 'hour';
  return 'day';
}

function parseTime(s: string | undefined): Date | null {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The window a URL query asks for. A fixed window needs a valid `from` before `to` (a missing
 * `to` means now); anything else falls back to the preset (default 24 h) ending at `now`.
 */
export function resolveRange(query: Record<string, string>, now: Date): ResolvedRange {
  const from = parseTime(query.from);
  if (from && !isPreset(query.range)) {
    const to = parseTime(query.to) ?? now;
    if (from.getTime() < to.getTime()) return { from, to, preset: null, granularity: granularityFor(to.getTime() - from.getTime()) };
  }
  const preset = isPreset(query.range) ? query.range : DEFAULT_PRESET;
  const span = PRESET_MS[preset];
  return { from: new Date(now.getTime() - span), to: now, preset, granularity: granularityFor(span) };
}

export function previousRange(r: { from: Date; to: Date }): { from: Date; to: Date } {
  const len = r.to.getTime() - r.from.getTime();
  return { from: new Date(r.from.getTime() - len), to: new Date(r.from.getTime()) };
}

/** Return rates are kept per order hour: a minute trend of them is asked for by the hour. */
export function trendGranularity(metric: string, g: Granularity): Granularity {
  return g === 'minute' && (metric === 'return_rate' || metric === 'quality_return_rate') ? 'hour' : g;
}

/** The trend metric behind an overview tile (the 7-day tiles chart the per-order-date rate). */
export function trendMetricOf(tileKey: string): string {
  if (tileKey === 'return_rate_7d') return 'return_rate';
  if (tileKey === 'quality_return_rate_7d') return 'quality_return_rate';
  return tileKey;
}

/**
 * The moment relative presets are resolved at: the last whole minute, so that equal minutes give
 * equal keys, and because the server reads a window on whole minutes from its rollups alone (the
 * API's default window ends there too); the KPIs move once a minute anyway.
 */
export function roundNow(ms: number): Date {
  return new Date(Math.floor(ms / 60_000) * 60_000);
}
