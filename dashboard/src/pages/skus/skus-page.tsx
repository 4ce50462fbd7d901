import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnRatesAnswer } from '../../api/types.ts';
import { BaselineChart } from '../../charts/baseline-chart.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { returnColumns } from '../../components/return-columns.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import { useMe } from '../../auth/session.tsx';
import { ManagerWarnings } from './manager-warnings.tsx';
import { WindowNote } from '../../components/window-note.tsx';
import { useKpi } from '../../queries/use-kpi.ts';
import { linkTo } from '../../router/hash-route.ts';
import { updateQuery, useRoute } from '../../router/use-route.ts';
import { formatCount, type Lang } from '../../shaping/format.ts';
import { SKU_MIN_ORDERS, skuViews } from '../../shaping/skus.ts';
import type { PageProps } from '../page-props.ts';
import { SkuDetail } from './sku-detail.tsx';

const SHOWN = 200;

/**
 * Every SKU's return rate over the order-date cohort, against its category baseline: sortable
 * and searchable by product title or id (both by the API, `search` a bound parameter), filterable
 * by minimum orders; a row opens the SKU.
 */
export function SkusPage({ params }: PageProps) {
  if (params[0]) return <SkuDetail sku={params[0]} />;
  return <SkuList />;
}

function SkuList() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { query } = useRoute();
  const sort = query.sort ?? 'return_rate';
  const order = query.order === 'asc' ? 'asc' : 'desc';
  const minOrders = Number(query.min_orders ?? 1) || 1;
  const search = (query.q ?? '').trim();
  const r = useKpi<ReturnRatesAnswer>('/v1/kpi/return-rates', { by: 'sku', limit: 500, sort, order, min_orders: minOrders, ...(search ? { search } : {}) });
  const rows = r.data ? skuViews(r.data.rows) : [];
  const flagged = rows.filter((x) => x.flagged);
  const columns = returnColumns(t, lang, { label: t('product.sku'), link: (x) => linkTo(query, ['skus', x.key]) });
  const me = useMe();

  return (
    <div className="stack" data-testid="skus-page">
      {me.role === 'category_manager' && <ManagerWarnings />}
      <Panel
        title={t('skus.title')}
        testId="sku-table"
        {...loadState(r)}
        empty={r.data !== undefined && rows.length === 0}
        note={r.data && <WindowNote window={r.data.window} />}
        actions={
          <div className="row gap">
            <SearchBox value={query.q ?? ''} label={t('product.search')} />
            <label className="row gap small">
              {t('skus.minOrders')}
              <select value={String(minOrders)} onChange={(e) => updateQuery({ min_orders: e.target.value === '1' ? undefined : e.target.value })}>
                {[1, 10, SKU_MIN_ORDERS, 100].map((n) => (
                  <option key={n} value={n}>
                    ≥ {n}
                  </option>
                ))}
              </select>
            </label>
          </div>
        }
      >
        {r.data && (
          <>
            <p className="muted small">
              {t('skus.count', { shown: formatCount(Math.min(rows.length, SHOWN), lang), total: formatCount(r.data.total, lang), flagged: flagged.length })}
            </p>
            <DataTable
              columns={columns}
              rows={rows.slice(0, SHOWN)}
              rowKey={(x) => x.key}
              sort={sort}
              order={order}
              onSort={(s, o) => updateQuery({ sort: s, order: o })}
              rowClass={(x) => (x.flagged ? 'flagged' : '')}
              testId="sku-rows"
            />
          </>
        )}
      </Panel>
      {flagged.length > 0 && (
        <Panel title={t('skus.flaggedChart')} note={r.data && <WindowNote window={r.data.window} />}>
          <BaselineChart rows={flagged.slice(0, 15)} />
        </Panel>
      )}
    </div>
  );
}

/** The search field: typing updates the URL (and so the API request) once it pauses for 250 ms. */
function SearchBox({ value, label }: { value: string; label: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const id = setTimeout(() => updateQuery({ q: text || undefined }, { replace: true }), 250);
    return () => clearTimeout(id);
  }, [text, value]);
  return <input type="search" placeholder={label} value={text} onChange={(e) => setText(e.target.value)} aria-label={label} data-testid="sku-search" />;
}
