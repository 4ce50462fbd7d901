import { useTranslation } from 'react-i18next';
import type { AlertJson } from '../../api/live-types.ts';
import type { ReasonsAnswer, ReturnRatesAnswer } from '../../api/types.ts';
import { BaselineChart } from '../../charts/baseline-chart.tsx';
import { ReasonChart } from '../../charts/reason-chart.tsx';
import { Panel } from '../../components/states.tsx';
import { WindowNote } from '../../components/window-note.tsx';
import { useApi } from '../../queries/use-api.ts';
import { useKpi } from '../../queries/use-kpi.ts';
import { linkTo } from '../../router/hash-route.ts';
import { useRoute } from '../../router/use-route.ts';
import { formatCount, formatPercent, type Lang } from '../../shaping/format.ts';
import { reasonBars } from '../../shaping/reasons.ts';
import { skuViews } from '../../shaping/skus.ts';

/**
 * One SKU: its return rate against the category baseline, its refund reasons and the alerts
 * about it. The KPI API has no SKU filter yet, so the SKU's figures are picked out of the
 * per-SKU answers of its category (`cat` in the URL, or the category of an alert about it).
 */
export function SkuDetail({ sku }: { sku: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { query } = useRoute();
  const alerts = useApi<{ alerts: AlertJson[] }>('/v1/alerts', { sku_id: sku, limit: 20 });
  const category = query.cat ?? alerts.data?.alerts.find((a) => a.labels.category)?.labels.category;
  const waitForCategory = !query.cat && alerts.loading;
  const skus = useKpi<ReturnRatesAnswer>(waitForCategory ? null : '/v1/kpi/return-rates', { by: 'sku', limit: 500, sort: 'key', order: 'asc', ...(category ? { category } : {}) });
  const cat = useKpi<ReturnRatesAnswer>(category ? '/v1/kpi/return-rates' : null, { by: 'category', category: category ?? '' });
  const reasons = useKpi<ReasonsAnswer>(waitForCategory ? null : '/v1/kpi/reasons', { by: 'sku', limit: 500, sort: 'key', order: 'asc', ...(category ? { category } : {}) });

  const row = skus.data ? skuViews(skus.data.rows).find((r) => r.key === sku) : undefined;
  const catRow = cat.data?.rows[0];
  const skuReasons = reasons.data?.rows.filter((r) => r.key === sku) ?? [];

  return (
    <div className="stack" data-testid="sku-page">
      <div className="page-head">
        <a href={linkTo(query, ['skus'])}>← {t('skus.title')}</a>
        <h1>
          SKU {sku} {category && <span className="muted">· {category}</span>}
        </h1>
      </div>
      <div className="grid-2">
        <Panel
          title={t('sku.rate')}
          loading={skus.loading}
          error={skus.error}
          onRetry={skus.reload}
          empty={skus.data !== undefined && !row}
          emptyText={t('sku.noOrders')}
          note={skus.data && <WindowNote window={skus.data.window} />}
        >
          {row && (
            <>
              <dl className="facts">
                <dt>{t('skus.returnRate')}</dt>
                <dd className={row.flagged ? 'bad' : ''}>{formatPercent(row.return_rate)}</dd>
                <dt>{t('skus.baseline')}</dt>
                <dd>{formatPercent(row.baseline_return_rate)}</dd>
                <dt>{t('sku.categoryRate')}</dt>
                <dd>{formatPercent(catRow?.return_rate ?? null)}</dd>
                <dt>{t('skus.qualityRate')}</dt>
                <dd>{formatPercent(row.quality_return_rate)}</dd>
                <dt>{t('skus.orders')}</dt>
                <dd>{formatCount(row.orders, lang)}</dd>
                <dt>{t('skus.refunded')}</dt>
                <dd>{formatCount(row.refunded_orders, lang)}</dd>
              </dl>
              <BaselineChart rows={[row]} height={180} />
            </>
          )}
        </Panel>
        <Panel
          title={t('overview.reasons')}
          loading={reasons.loading}
          error={reasons.error}
          onRetry={reasons.reload}
          empty={reasons.data !== undefined && skuReasons.length === 0}
          note={reasons.data && <WindowNote window={reasons.data.window} />}
        >
          <ReasonChart bars={reasonBars(skuReasons)} />
        </Panel>
      </div>
      <Panel title={t('sku.alerts')} loading={alerts.loading} error={alerts.error} empty={alerts.data?.alerts.length === 0} emptyText={t('alerts.none')}>
        <ul className="alert-list">
          {alerts.data?.alerts.map((a) => (
            <li key={a.fingerprint} className={`alert-row sev-${a.severity}`}>
              <a href={linkTo(query, ['alerts', a.fingerprint])}>{a.title}</a> <span className={`badge state ${a.state}`}>{t(`alertState.${a.state}`, { defaultValue: a.state })}</span>
              <p className="alert-summary">{a.evidence.summary}</p>
            </li>
          ))}
        </ul>
      </Panel>
      <Panel title={t('sku.salesTitle')}>
        <p className="muted" data-testid="sku-missing-api">
          {t('sku.needsSkuFilter')}
        </p>
      </Panel>
    </div>
  );
}
