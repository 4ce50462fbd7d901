import { useTranslation } from 'react-i18next';
import type { AlertJson } from '../../api/live-types.ts';
import type { ReturnRatesAnswer } from '../../api/types.ts';
import { AlertList } from '../../components/alert-list.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import { useApi } from '../../queries/use-api.ts';
import { useKpi } from '../../queries/use-kpi.ts';
import { useSkuTitles } from '../../queries/use-sku-titles.ts';
import { linkTo } from '../../router/hash-route.ts';
import { useRoute } from '../../router/use-route.ts';
import { skuViews } from '../../shaping/skus.ts';
import { ReasonPanel } from '../overview/reason-panel.tsx';
import { TrendPanel } from '../overview/trend-panel.tsx';
import { SkuRatePanel } from './sku-rate-panel.tsx';
import { SkuSalesTable } from './sku-sales-table.tsx';

/**
 * One SKU, every figure through the API's `sku_id` filter under the global time range: its
 * return rate against the category baseline, its return-rate trend with the previous period,
 * its refund reasons, the live sessions and hosts that sold it, and the alerts about it.
 */
export function SkuDetail({ sku }: { sku: string }) {
  const { t } = useTranslation();
  const { query } = useRoute();
  const only = { sku_id: sku };
  const rates = useKpi<ReturnRatesAnswer>('/v1/kpi/return-rates', { by: 'sku', ...only, limit: 1 });
  const row = rates.data ? skuViews(rates.data.rows).find((r) => r.key === sku) : undefined;
  const alerts = useApi<{ alerts: AlertJson[] }>('/v1/alerts', { sku_id: sku, limit: 20 });
  // The title even when the SKU sold nothing in the global range (its row is then absent).
  const known = useSkuTitles(row?.title ? [] : [sku]);
  const title = row?.title ?? known[sku] ?? null;

  return (
    <div className="stack" data-testid="sku-page">
      <div className="page-head">
        <a href={linkTo(query, ['skus'])}>← {t('skus.title')}</a>
        <h1 data-testid="sku-heading">
          {title ? <span data-testid="sku-title">{title}</span> : 'SKU'} <span className={title ? 'muted' : ''}>{sku}</span>{' '}
          {row?.category && <span className="muted data">· {row.category}</span>}
        </h1>
      </div>
      <div className="grid-2">
        <SkuRatePanel sku={rates} row={row} />
        <TrendPanel metric="return_rate" extra={only} title={t('sku.trend')} />
      </div>
      <div className="grid-2">
        <SkuSalesTable sku={sku} by="session" />
        <SkuSalesTable sku={sku} by="host" />
      </div>
      <div className="grid-2">
        <ReasonPanel extra={only} />
        <Panel title={t('sku.alerts')} {...loadState(alerts)} empty={alerts.data?.alerts.length === 0} emptyText={t('alerts.none')}>
          <AlertList alerts={alerts.data?.alerts ?? []} />
        </Panel>
      </div>
    </div>
  );
}
