import { useTranslation } from 'react-i18next';
import type { ReturnRatesAnswer } from '../../api/types.ts';
import { BaselineChart } from '../../charts/baseline-chart.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import { WindowNote } from '../../components/window-note.tsx';
import { useKpi } from '../../queries/use-kpi.ts';
import type { Loadable } from '../../queries/use-api.ts';
import { formatCount, formatPercent, type Lang } from '../../shaping/format.ts';
import type { SkuView } from '../../shaping/skus.ts';
import { VerdictBadge } from '../../components/verdict-badge.tsx';

/**
 * One SKU's return rate over the window against its category baseline (the rate its category
 * mix predicts) and its category's own rate, with the counts behind them.
 */
export function SkuRatePanel({ sku, row }: { sku: Loadable<ReturnRatesAnswer>; row: SkuView | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const cat = useKpi<ReturnRatesAnswer>(row?.category ? '/v1/kpi/return-rates' : null, { by: 'category', category: row?.category ?? '', limit: 1 });
  return (
    <Panel
      title={t('sku.rate')}
      testId="sku-rate"
      {...loadState(sku)}
      empty={sku.data !== undefined && !row}
      emptyText={t('sku.noOrders')}
      note={sku.data && <WindowNote window={sku.data.window} />}
    >
      {row && (
        <>
          <dl className="facts">
            <dt>{t('skus.returnRate')}</dt>
            <dd className={row.flagged ? 'bad' : ''} data-testid="sku-return-rate">
              {formatPercent(row.return_rate)}
              {row.vsBaseline !== null && <span className="muted small"> · {t('sku.timesBaseline', { x: row.vsBaseline.toFixed(1) })}</span>}
              <VerdictBadge verdict={row.verdict} />
            </dd>
            <dt title={t('skus.baselineHelp')}>{t('skus.baseline')}</dt>
            <dd>{formatPercent(row.baseline)}</dd>
            <dt>{t('sku.categoryRate')}</dt>
            <dd>{formatPercent(cat.data?.rows[0]?.return_rate ?? null)}</dd>
            <dt>{t('skus.qualityRate')}</dt>
            <dd>
              {formatPercent(row.quality_return_rate)} <span className="muted small">({t('skus.baseline')} {formatPercent(row.baseline_quality_return_rate)})</span>
            </dd>
            <dt>{t('skus.refunded')} / {t('skus.orders')}</dt>
            <dd>
              {formatCount(row.refunded_orders, lang)} / {formatCount(row.orders, lang)}
            </dd>
          </dl>
          <BaselineChart rows={[row]} height={160} />
        </>
      )}
    </Panel>
  );
}
