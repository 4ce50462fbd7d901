import { useTranslation } from 'react-i18next';
import type { ReturnRatesAnswer } from '../../api/types.ts';
import { DataTable } from '../../components/data-table.tsx';
import { Pager } from '../../components/pager.tsx';
import { returnColumns } from '../../components/return-columns.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import { WindowNote } from '../../components/window-note.tsx';
import { useKpi } from '../../queries/use-kpi.ts';
import { linkTo } from '../../router/hash-route.ts';
import { updateQuery, useRoute } from '../../router/use-route.ts';
import type { Lang } from '../../shaping/format.ts';
import { skuViews } from '../../shaping/skus.ts';
import { pageOffset, sortChanges, sortFromQuery, type TableSort } from '../../shaping/table-sort.ts';

const PAGE = 20;
const DEFAULT: TableSort = { sort: 'orders', order: 'desc' };
/** Each table's keys in the URL, apart from the page's and each other's. */
const PREFIX = { session: 's_', host: 'h_' } as const;

/**
 * The live sessions (or hosts) that sold a SKU, with the SKU's return rate in each against its
 * category baseline; sorted and paged by the API, the sort and page kept in the URL; each row
 * opens the session (or host) page.
 */
export function SkuSalesTable({ sku, by }: { sku: string; by: 'session' | 'host' }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { query } = useRoute();
  const prefix = PREFIX[by];
  const columns = returnColumns(t, lang, {
    label: by === 'session' ? t('hosts.session') : t('hosts.host'),
    link: (r) => linkTo(query, [by === 'session' ? 'sessions' : 'hosts', r.key]),
  }).filter((c) => c.key !== 'category');
  const { sort, order } = sortFromQuery(query, prefix, columns.flatMap((c) => (c.sort ? [c.sort] : [])), DEFAULT);
  const page = Number(query[`${prefix}page`] ?? 1);
  const r = useKpi<ReturnRatesAnswer>('/v1/kpi/return-rates', { by, sku_id: sku, sort, order, limit: PAGE, offset: pageOffset(page, PAGE) });
  return (
    <Panel
      title={by === 'session' ? t('sku.sessions') : t('sku.hosts')}
      testId={`sku-${by}s`}
      {...loadState(r)}
      empty={r.data !== undefined && r.data.total === 0}
      emptyText={t('sku.noSales')}
      note={r.data && <WindowNote window={r.data.window} />}
    >
      {r.data && (
        <>
          <DataTable
            columns={columns}
            rows={skuViews(r.data.rows)}
            rowKey={(x) => x.key}
            sort={sort}
            order={order}
            onSort={(s, o) => updateQuery(sortChanges(prefix, { sort: s, order: o }, DEFAULT))}
            rowClass={(x) => (x.flagged ? 'flagged' : '')}
            testId={`sku-${by}-rows`}
          />
          {r.data.total > PAGE && <Pager total={r.data.total} pageSize={PAGE} page={page} onPage={(p) => updateQuery({ [`${prefix}page`]: p === 1 ? undefined : String(p) })} />}
        </>
      )}
    </Panel>
  );
}
