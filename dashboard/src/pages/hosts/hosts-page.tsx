import { useTranslation } from 'react-i18next';
import type { ReturnRatesAnswer } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { returnColumns } from '../../components/return-columns.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import { WindowNote } from '../../components/window-note.tsx';
import { useKpi } from '../../queries/use-kpi.ts';
import { linkTo } from '../../router/hash-route.ts';
import { updateQuery, useRoute } from '../../router/use-route.ts';
import type { Lang } from '../../shaping/format.ts';
import { matchesText, skuViews } from '../../shaping/skus.ts';
import type { PageProps } from '../page-props.ts';
import { HostDetail } from './host-detail.tsx';

/** Hosts by return rate (a host token goes straight to its own page). */
export function HostsPage({ params }: PageProps) {
  const me = useMe();
  const host = params[0] ?? (me.role === 'host' ? me.host_id : null);
  if (host) return <HostDetail host={host} />;
  return <HostList />;
}

function HostList() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { query } = useRoute();
  const sort = query.sort ?? 'return_rate';
  const order = query.order === 'asc' ? 'asc' : 'desc';
  const r = useKpi<ReturnRatesAnswer>('/v1/kpi/return-rates', { by: 'host', limit: 500, sort, order });
  const rows = r.data ? skuViews(r.data.rows).filter((x) => matchesText(x, query.q ?? '')) : [];
  const columns = returnColumns(t, lang, { label: t('hosts.host'), link: (x) => linkTo(query, ['hosts', x.key]) });
  return (
    <Panel
      title={t('hosts.title')}
      testId="host-table"
      {...loadState(r)}
      empty={r.data !== undefined && rows.length === 0}
      note={r.data && <WindowNote window={r.data.window} />}
      actions={<input type="search" placeholder={t('skus.search')} value={query.q ?? ''} onChange={(e) => updateQuery({ q: e.target.value }, { replace: true })} aria-label={t('skus.search')} />}
    >
      <DataTable columns={columns} rows={rows} rowKey={(x) => x.key} sort={sort} order={order} onSort={(s, o) => updateQuery({ sort: s, order: o })} rowClass={(x) => (x.flagged ? 'flagged' : '')} />
    </Panel>
  );
}
