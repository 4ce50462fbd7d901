import { useTranslation } from 'react-i18next';
import type { LogisticsAnswer } from '../../api/types.ts';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import { WindowNote } from '../../components/window-note.tsx';
import { useKpi } from '../../queries/use-kpi.ts';
import { updateQuery, useRoute } from '../../router/use-route.ts';
import { delta, formatCount, formatDuration, formatPercent, type Lang } from '../../shaping/format.ts';
import { regionLabel } from '../../shaping/china-provinces.ts';
import { MAP_METRICS, type MapMetric } from '../../shaping/map-shades.ts';
import { regionBars, type RegionBar } from '../../shaping/regions.ts';
import { VerdictBadge } from '../../components/verdict-badge.tsx';
import { TrendPanel } from '../overview/trend-panel.tsx';
import type { PageProps } from '../page-props.ts';
import { ProvinceMapPanel } from './province-map-panel.tsx';
import { ShipmentsPanel } from './shipments-panel.tsx';

/**
 * Shipping delays by destination region against the national rate: a province map beside the
 * region table (a click on either's province filters the page by `region=`), and the stalled and
 * pickup-overdue shipments behind the counts.
 */
export function LogisticsPage(_props: PageProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { query } = useRoute();
  const direction = query.direction === 'return' ? 'return' : 'outbound';
  const sort = query.sort ?? 'delay_rate';
  const order = query.order === 'asc' ? 'asc' : 'desc';
  const cur = useKpi<LogisticsAnswer>('/v1/kpi/logistics', { direction, limit: 100, sort, order });
  const prev = useKpi<LogisticsAnswer>('/v1/kpi/logistics', { direction, limit: 1 }, 'previous');
  const bars = cur.data ? regionBars(cur.data.regions.rows, cur.data.national) : [];
  const n = cur.data?.national;
  const d = n && prev.data ? delta(n.delay_rate, prev.data.national.delay_rate, 'ratio', lang) : null;
  const metric: MapMetric = (MAP_METRICS as readonly string[]).includes(query.map ?? '') ? (query.map as MapMetric) : 'delay_rate';
  const picked = bars.find((b) => b.code === query.region);
  const pick = (code: string) => updateQuery({ region: code === query.region ? undefined : code, ship_page: undefined });

  const columns: Column<RegionBar>[] = [
    {
      key: 'region',
      label: t('logistics.region'),
      sort: 'region',
      render: (r) => (
        <button type="button" className={r.code === query.region ? 'link strong' : 'link'} onClick={() => pick(r.code)} data-testid="region-pick" data-code={r.code}>
          {regionLabel(r.code, r.name, lang)}
        </button>
      ),
    },
    { key: 'due', label: t('logistics.due'), sort: 'due', numeric: true, render: (r) => formatCount(r.due, lang) },
    { key: 'delayed', label: t('logistics.delayed'), sort: 'delayed', numeric: true, render: (r) => formatCount(r.delayed, lang) },
    { key: 'rate', label: t('logistics.delayRate'), sort: 'delay_rate', numeric: true, render: (r) => formatPercent(r.rate) },
    {
      key: 'vs',
      label: t('logistics.vsNational'),
      numeric: true,
      render: (r) => (
        <>
          {r.vsNational === null ? '—' : `${r.vsNational.toFixed(1)}×`}
          <VerdictBadge verdict={r.verdict} unit="shipments" />
        </>
      ),
    },
    { key: 'stalled', label: t('logistics.stalled'), sort: 'stalled', numeric: true, render: (r) => formatCount(r.stalled, lang) },
    { key: 'overdue', label: t('logistics.overdue'), sort: 'pickup_overdue', numeric: true, render: (r) => formatCount(r.overdue, lang) },
  ];

  return (
    <div className="stack" data-testid="logistics-page">
      <Panel
        title={t('logistics.title')}
        {...loadState(cur)}
        note={cur.data && <WindowNote window={cur.data.window} previous={prev.data?.window ?? null} />}
        actions={
          <div className="row gap" role="group">
            {(['outbound', 'return'] as const).map((dir) => (
              <button key={dir} type="button" className={dir === direction ? 'chip active' : 'chip'} onClick={() => updateQuery({ direction: dir === 'outbound' ? undefined : dir })}>
                {t(`logistics.${dir}`)}
              </button>
            ))}
          </div>
        }
      >
        {n && cur.data && (
          <>
            <div className="facts-row">
              <div className="fact">
                <span className="muted small">{t('logistics.nationalRate')}</span>
                <strong data-testid="national-rate">{formatPercent(n.delay_rate)}</strong>
                <span className={`small delta-${d?.direction ?? 'none'}`}>{d && d.direction !== 'none' ? `${d.text} ${t('tile.vsPrevious', { value: formatPercent(prev.data!.national.delay_rate) })}` : ''}</span>
              </div>
              <div className="fact">
                <span className="muted small">{t('logistics.dueDelayed')}</span>
                <strong>
                  {formatCount(n.delayed, lang)} / {formatCount(n.due, lang)}
                </strong>
              </div>
              <div className="fact">
                <span className="muted small">{t('logistics.stalledNow', { h: formatDuration(cur.data.thresholds.stalled_s, lang) })}</span>
                <strong className={n.stalled > 0 ? 'bad' : ''}>{formatCount(n.stalled, lang)}</strong>
              </div>
              <div className="fact">
                <span className="muted small">{t('logistics.overdueNow', { h: formatDuration(cur.data.thresholds.pickup_s, lang) })}</span>
                <strong className={n.pickup_overdue > 0 ? 'bad' : ''}>{formatCount(n.pickup_overdue, lang)}</strong>
              </div>
              {picked && (
                <div className="fact" data-testid="picked-region">
                  <span className="muted small">{t('map.selected', { name: regionLabel(picked.code, picked.name, lang) })}</span>
                  <strong className={picked.flagged ? 'bad' : ''}>{formatPercent(picked.rate)}</strong>
                  <span className="small muted">
                    {formatCount(picked.delayed, lang)} / {formatCount(picked.due, lang)} · {t('logistics.stalled')} {formatCount(picked.stalled, lang)} · {t('logistics.overdue')} {formatCount(picked.overdue, lang)}
                  </span>
                </div>
              )}
            </div>
          </>
        )}
      </Panel>
      <div className="grid-map">
        {n ? <ProvinceMapPanel bars={bars} national={n} metric={metric} selected={query.region} /> : <Panel title={t('map.title')} loading={cur.loading} error={cur.error} />}
        <Panel title={t('logistics.regions')} loading={cur.loading} error={cur.error} empty={bars.length === 0} note={cur.data && <WindowNote window={cur.data.window} />}>
          <div className="table-scroll">
            <DataTable columns={columns} rows={bars} rowKey={(r) => r.code} sort={sort} order={order} onSort={(s, o) => updateQuery({ sort: s, order: o })} rowClass={(r) => (r.code === query.region ? 'selected' : r.flagged ? 'flagged' : '')} testId="region-rows" />
          </div>
        </Panel>
      </div>
      <div className="grid-2">
        <TrendPanel metric="delay_rate" title={t('logistics.trend')} />
        <TrendPanel metric="stalled_shipments" title={t('logistics.backlogTrend')} />
      </div>
      <ShipmentsPanel direction={direction} regionName={picked ? regionLabel(picked.code, picked.name, lang) : undefined} />
    </div>
  );
}
