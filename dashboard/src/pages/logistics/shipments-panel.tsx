import { useTranslation } from 'react-i18next';
import { BACKLOG_KINDS, type BacklogKind, type BacklogShipmentsAnswer } from '../../api/shipment-types.ts';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { Pager } from '../../components/pager.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import { useKpi } from '../../queries/use-kpi.ts';
import { linkTo } from '../../router/hash-route.ts';
import { updateQuery, useRoute } from '../../router/use-route.ts';
import { formatDuration, formatMoment, type Lang } from '../../shaping/format.ts';
import { shipmentRows, type ShipmentRow } from '../../shaping/shipments.ts';
import { pageOffset, sortChanges, sortFromQuery, type TableSort } from '../../shaping/table-sort.ts';

const PAGE = 20;
const PREFIX = 'ship_';
const DEFAULT: TableSort = { sort: 'hours_waited', order: 'desc' };

/**
 * The stalled or pickup-overdue shipments behind the page's counts, longest wait first: kind,
 * sort and page in the URL (`ship_…`), the page's direction and region applied; each order
 * opens its trace. A backlog describes now, so the note gives its moment, not the window.
 */
export function ShipmentsPanel({ direction, regionName }: { direction: 'outbound' | 'return'; regionName?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { query } = useRoute();
  const kind: BacklogKind = query.ship_kind === 'pickup_overdue' ? 'pickup_overdue' : 'stalled';
  const page = Number(query.ship_page ?? 1);
  const columns: Column<ShipmentRow>[] = [
    {
      key: 'order',
      label: t('shipments.order'),
      render: (r) => (
        <a href={linkTo(query, ['trace', r.orderId])} data-testid="shipment-order">
          {r.orderId}
        </a>
      ),
    },
    { key: 'shipment', label: t('shipments.shipment'), sort: 'shipment_id', render: (r) => r.id },
    { key: 'region', label: t('logistics.region'), sort: 'region', render: (r) => r.region },
    { key: 'carrier', label: t('shipments.carrier'), sort: 'carrier', render: (r) => r.carrier },
    { key: 'status', label: t('shipments.status'), render: (r) => t(`shipStatus.${r.status}`, { defaultValue: r.status }) },
    { key: 'waited', label: t('shipments.waited'), sort: 'hours_waited', numeric: true, render: (r) => <span title={r.waitingSince}>{r.waited}</span> },
    { key: 'last', label: t('shipments.lastScan'), sort: 'last_scan_at', render: (r) => r.lastScan },
    { key: 'promised', label: t('shipments.promised'), sort: 'promised_at', render: (r) => <span className={r.pastPromise ? 'bad' : ''}>{r.promised}</span> },
    { key: 'sku', label: 'SKU', render: (r) => (r.sku ? <a href={linkTo(query, ['skus', r.sku])}>{r.sku}</a> : '—') },
  ];
  const { sort, order } = sortFromQuery(query, PREFIX, columns.flatMap((c) => (c.sort ? [c.sort] : [])), DEFAULT);
  const r = useKpi<BacklogShipmentsAnswer>('/v1/kpi/logistics/shipments', {
    kind,
    direction,
    region: query.region,
    sort,
    order,
    limit: PAGE,
    offset: pageOffset(page, PAGE),
  });
  const threshold = r.data ? formatDuration(kind === 'stalled' ? r.data.thresholds.stalled_s : r.data.thresholds.pickup_s, lang) : '';
  return (
    <Panel
      title={t('shipments.title')}
      testId="shipments-panel"
      {...loadState(r)}
      empty={r.data !== undefined && r.data.total === 0}
      emptyText={t(`shipments.none.${kind}`)}
      note={r.data && t(`shipments.note.${kind}`, { at: formatMoment(r.data.as_of, lang), h: threshold, days: r.data.thresholds.backlog_days })}
      actions={
        <div className="row gap" role="group" aria-label={t('shipments.kind')}>
          {query.region && (
            <button type="button" className="chip filter-chip" onClick={() => updateQuery({ region: undefined, ship_page: undefined })} title={t('filters.remove')}>
              {t('logistics.region')}: {regionName ?? query.region} ×
            </button>
          )}
          {BACKLOG_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              className={k === kind ? 'chip active' : 'chip'}
              aria-pressed={k === kind}
              data-testid={`shipments-kind-${k}`}
              onClick={() => updateQuery({ ship_kind: k === 'stalled' ? undefined : k, ship_page: undefined })}
            >
              {t(`logistics.${k === 'stalled' ? 'stalled' : 'overdue'}`)}
            </button>
          ))}
        </div>
      }
    >
      {r.data && (
        <>
          <DataTable
            columns={columns}
            rows={shipmentRows(r.data.rows, r.data.as_of, lang)}
            rowKey={(x) => x.id}
            sort={sort}
            order={order}
            onSort={(s, o) => updateQuery(sortChanges(PREFIX, { sort: s, order: o }, DEFAULT))}
            rowClass={(x) => (x.pastPromise ? 'flagged' : '')}
            testId="shipment-rows"
          />
          <Pager total={r.data.total} pageSize={PAGE} page={page} onPage={(p) => updateQuery({ ship_page: p === 1 ? undefined : String(p) })} testId="shipments-pager" />
        </>
      )}
    </Panel>
  );
}
