/**
 * Number formatting for tiles, tables and charts. Pure functions of (value, unit, language),
 * unit-tested; the words come from the caller so zh-CN and English read naturally.
 */

export type Unit = 'count' | 'ratio' | 'seconds' | 'score' | 'money';
export type Lang = 'zh-CN' | 'en';

const DASH = '—';

export function formatCount(n: number | null | undefined, lang: Lang = 'zh-CN'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  return Math.round(n).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN');
}

export function formatPercent(r: number | null | undefined, digits = 1): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return DASH;
  return `${(r * 100).toFixed(digits)}%`;
}

const DURATION_WORDS: Record<Lang, { s: string; min: string; h: string; d: string }> = {
  'zh-CN': { s: ' 秒', min: ' 分钟', h: ' 小时', d: ' 天' },
  en: { s: ' s', min: ' min', h: ' h', d: ' d' },
};

/** A duration at a readable scale: 45 s, 12 min, 3.5 h, 2.1 d. */
export function formatDuration(seconds: number | null | undefined, lang: Lang = 'zh-CN'): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return DASH;
  const w = DURATION_WORDS[lang];
  const abs = Math.abs(seconds);
  if (abs < 90) return `${Math.round(seconds)}${w.s}`;
  if (abs < 90 * 60) return `${Math.round(seconds / 60)}${w.min}`;
  if (abs < 72 * 3600) return `${trimZero((seconds / 3600).toFixed(1))}${w.h}`;
  return `${trimZero((seconds / 86400).toFixed(1))}${w.d}`;
}

const trimZero = (s: string) => s.replace(/\.0$/, '');

export function formatMoney(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  return `¥${n.toFixed(2)}`;
}

export function formatValue(v: number | null | undefined, unit: Unit, lang: Lang = 'zh-CN'): string {
  switch (unit) {
    case 'count':
      return formatCount(v, lang);
    case 'ratio':
      return formatPercent(v);
    case 'seconds':
      return formatDuration(v, lang);
    case 'score':
      return v === null || v === undefined || !Number.isFinite(v) ? DASH : v.toFixed(2);
    case 'money':
      return formatMoney(v);
  }
}

export type Direction = 'up' | 'down' | 'flat' | 'none';

export interface Delta {
  direction: Direction;
  /** "+1.2 pp", "−8.0%", "+3", or '' when there is nothing to compare with. */
  text: string;
}

const MINUS = '−';
const signed = (x: number, s: string) => (x > 0 ? `+${s}` : x < 0 ? `${MINUS}${s}` : s);

/**
 * The change against the previous period. Ratios move in percentage points (a rate going from
 * 2% to 3% is +1.0 pp, not +50%); counts, durations and scores by relative change, or by the
 * absolute difference when the previous value is zero.
 */
export function delta(value: number | null, previous: number | null, unit: Unit, lang: Lang = 'zh-CN'): Delta {
  if (value === null || previous === null || !Number.isFinite(value) || !Number.isFinite(previous)) return { direction: 'none', text: '' };
  const diff = value - previous;
  const eps = unit === 'ratio' ? 0.00005 : 1e-9;
  const direction: Direction = Math.abs(diff) < eps ? 'flat' : diff > 0 ? 'up' : 'down';
  if (unit === 'ratio') return { direction, text: signed(diff, `${Math.abs(diff * 100).toFixed(1)}${lang === 'en' ? ' pp' : ' 个百分点'}`) };
  if (previous === 0) {
    const abs = unit === 'seconds' ? formatDuration(Math.abs(diff), lang) : unit === 'count' ? formatCount(Math.abs(diff), lang) : Math.abs(diff).toFixed(2);
    return { direction, text: direction === 'flat' ? '0' : signed(diff, abs) };
  }
  return { direction, text: signed(diff, `${Math.abs((diff / Math.abs(previous)) * 100).toFixed(1)}%`) };
}

/** Compact local date-time for window notes: "11-21 10:40" (with the year when it differs from now's). */
export function formatMoment(iso: string | Date, lang: Lang = 'zh-CN', now: Date = new Date()): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return DASH;
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  const year = d.getFullYear() !== now.getFullYear() ? `${d.getFullYear()}-` : '';
  void lang;
  return `${year}${date} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function formatSpan(s: { from: string; to: string }, lang: Lang = 'zh-CN', now: Date = new Date()): string {
  if (s.from === s.to) return formatMoment(s.from, lang, now);
  return `${formatMoment(s.from, lang, now)} – ${formatMoment(s.to, lang, now)}`;
}

/** A short span for small print: whole days as dates only ("11-15–11-22"), otherwise as formatSpan. */
export function formatSpanCompact(s: { from: string; to: string }, lang: Lang = 'zh-CN', now: Date = new Date()): string {
  const from = new Date(s.from);
  const to = new Date(s.to);
  if (to.getTime() - from.getTime() >= 2 * 86_400_000) {
    const d = (x: Date) => `${String(x.getMonth() + 1).padStart(2, '0')}-${String(x.getDate()).padStart(2, '0')}`;
    return `${d(from)}–${d(to)}`;
  }
  return formatSpan(s, lang, now);
}

/** Offset within a live session: 1:02:03 or 12:34. */
export function formatOffset(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const p = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${p(m)}:${p(s)}` : `${m}:${p(s)}`;
}
