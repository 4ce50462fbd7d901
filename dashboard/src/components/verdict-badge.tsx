import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RateVerdict } from '../api/types.ts';
import { formatP, formatRate, formatTimes } from '../shaping/alert-text.ts';
import { formatCount, type Lang } from '../shaping/format.ts';
import './verdict-badge.css';

export type VerdictUnit = 'orders' | 'shipments';

/**
 * A row's verdict (issue #15 item 3): 偏高 / High only when the rule's test says so, 样本不足 /
 * "too few orders" below the rule's minimum, nothing for a normal row — and, on hover or focus,
 * why: rate (k of n), baseline, ratio, p-value against alpha, the Wilson 95 % interval, the minimum.
 */
export function VerdictBadge({ verdict: v, unit = 'orders' }: { verdict: RateVerdict; unit?: VerdictUnit }) {
  const { t, i18n } = useTranslation();
  const why = verdictWhy(v, unit, t, i18n.language as Lang);
  if (v.level === 'normal') return null;
  return (
    <span className={v.level === 'high' ? 'badge bad verdict-badge' : 'badge verdict-badge too-few'} data-testid="verdict" data-level={v.level} title={why} aria-label={`${v.level === 'high' ? t('verdict.high') : t(`verdict.tooFew.${unit}`)}: ${why}`} tabIndex={0}>
      {v.level === 'high' ? t('verdict.high') : t(`verdict.tooFew.${unit}`)}
    </span>
  );
}

/** The figures behind a verdict, as one line (the badge's tooltip, a cell's title). */
export function verdictWhy(v: RateVerdict, unit: VerdictUnit, t: TFunction, lang: Lang): string {
  return t(`verdict.why.${unit}`, {
    rate: formatRate(v.rate),
    k: formatCount(v.k, lang),
    n: formatCount(v.n, lang),
    baseline: formatRate(v.baseline),
    ratio: formatTimes(v.ratio),
    p: formatP(v.p_value),
    alpha: String(v.alpha),
    low: formatRate(v.ci_low),
    high: formatRate(v.ci_high),
    minN: formatCount(v.min_n, lang),
  });
}
