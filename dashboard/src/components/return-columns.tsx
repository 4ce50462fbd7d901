import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { formatCount, formatPercent, type Lang } from '../shaping/format.ts';
import type { SkuView } from '../shaping/skus.ts';
import type { Column } from './data-table.tsx';
import { VerdictBadge, verdictWhy } from './verdict-badge.tsx';
import { SkuName } from './sku-name.tsx';

/** Columns of a return-rate table (SKUs, hosts, sessions): counts, rates, the category baseline. */
export function returnColumns(t: TFunction, lang: Lang, first: { label: ReactNode; link: (r: SkuView) => string }): Column<SkuView>[] {
  return [
    {
      key: 'key',
      label: first.label,
      sort: 'key',
      render: (r) => (
        <a href={first.link(r)} data-testid="row-link">
          <SkuName id={r.key} title={r.title} />
        </a>
      ),
    },
    { key: 'category', label: t('skus.category'), render: (r) => r.category },
    { key: 'orders', label: t('skus.orders'), sort: 'orders', numeric: true, render: (r) => formatCount(r.orders, lang) },
    { key: 'refunded', label: t('skus.refunded'), sort: 'refunded_orders', numeric: true, render: (r) => formatCount(r.refunded_orders, lang) },
    {
      key: 'rate',
      label: t('skus.returnRate'),
      sort: 'return_rate',
      numeric: true,
      render: (r) => <span title={r.orders > 0 ? t('verdict.interval', { low: formatPercent(r.verdict.ci_low), high: formatPercent(r.verdict.ci_high) }) : undefined}>{formatPercent(r.return_rate)}</span>,
    },
    { key: 'quality', label: t('skus.qualityRate'), sort: 'quality_return_rate', numeric: true, render: (r) => formatPercent(r.quality_return_rate) },
    { key: 'baseline', label: t('skus.baseline'), numeric: true, title: t('skus.baselineHelp'), render: (r) => formatPercent(r.baseline) },
    {
      key: 'vs',
      label: t('skus.vsBaseline'),
      sort: 'excess',
      numeric: true,
      title: t('verdict.columnHelp'),
      render: (r) => (
        <span title={verdictWhy(r.verdict, 'orders', t, lang)}>
          {r.vsBaseline === null ? '—' : `${r.vsBaseline.toFixed(1)}×`}
          <VerdictBadge verdict={r.verdict} />
        </span>
      ),
    },
  ];
}
