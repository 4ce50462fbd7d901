import { formatValue, type Lang, type Unit } from '../shaping/format.ts';

/** Axis and tooltip text for charts. */
export function tickTime(ms: number, granularity: string): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  if (granularity === 'day') return `${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  if (granularity === 'hour') return d.getHours() === 0 ? `${p(d.getMonth() + 1)}-${p(d.getDate())}` : `${p(d.getHours())}:00`;
  return `${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function fullTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function axisValue(v: number, unit: Unit, lang: Lang): string {
  if (unit === 'ratio') return `${Math.round(v * 1000) / 10}%`;
  if (unit === 'seconds') return formatValue(v, 'seconds', lang);
  return formatValue(v, unit === 'score' ? 'score' : 'count', lang);
}

export const COLORS = {
  current: '#2563eb',
  previous: '#9ca3af',
  bad: '#dc2626',
  warn: '#f59e0b',
  ok: '#16a34a',
  neutral: '#64748b',
  baseline: '#f59e0b',
};
