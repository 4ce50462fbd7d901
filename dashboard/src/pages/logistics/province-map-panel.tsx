import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogisticsFigures } from '../../api/types.ts';
import { Panel } from '../../components/states.tsx';
import { updateQuery } from '../../router/use-route.ts';
import { regionLabel } from '../../shaping/china-provinces.ts';
import { formatCount, formatPercent, type Lang } from '../../shaping/format.ts';
import { MAP_METRICS, NO_DATA, SHADES, nationalMark, provinceShades, stepLabels, type MapMetric } from '../../shaping/map-shades.ts';
import { MIN_DUE, type RegionBar } from '../../shaping/regions.ts';

// The shapes (~47 KB gzipped) are their own chunk, fetched when the logistics page first draws the map.
const ChinaMap = lazy(() => import('../../charts/china-map.tsx'));

/**
 * The province choropleth of the logistics page (issue #17): delay rate, or the stalled /
 * pickup-overdue counts (`map=` in the URL), the national figure in the legend, hover for the
 * numbers, click a province to filter the page (`region=`, the key the shipments list and the
 * table already follow); click it again to clear.
 */
export function ProvinceMapPanel({ bars, national, metric, selected }: { bars: RegionBar[]; national: LogisticsFigures; metric: MapMetric; selected: string | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { shades, max, byRatio } = provinceShades(bars, metric, national.delay_rate);
  const mark = nationalMark(national, metric, max, byRatio);
  const byCode = new Map(bars.map((b) => [b.code, b]));
  const fmt = (v: number | null) => (metric === 'delay_rate' ? formatPercent(v) : formatCount(v ?? 0, lang));
  const label = (code: string) => regionLabel(code, byCode.get(code)?.name ?? code, lang);
  const tip = (code: string) => {
    const b = byCode.get(code);
    if (!b || (b.due === 0 && b.stalled === 0 && b.overdue === 0)) return t('map.noData');
    const line = t('map.tooltip', { delayed: formatCount(b.delayed, lang), due: formatCount(b.due, lang), stalled: formatCount(b.stalled, lang), overdue: formatCount(b.overdue, lang) });
    const few = metric === 'delay_rate' && b.due < MIN_DUE ? ` · ${t('map.tooFew', { n: MIN_DUE })}` : '';
    return `${t(`map.metric.${metric}`)} ${fmt(mapValueOf(b, metric))} · ${line}${few}`;
  };
  const select = (code: string) => updateQuery({ region: code === selected ? undefined : code, ship_page: undefined });

  return (
    <Panel
      title={t('map.title')}
      testId="map-panel"
      note={t('map.hint')}
      actions={
        <div className="row gap" role="group" aria-label={t('map.title')}>
          {MAP_METRICS.map((m) => (
            <button key={m} type="button" className={m === metric ? 'chip active' : 'chip'} aria-pressed={m === metric} data-testid={`map-metric-${m}`} onClick={() => updateQuery({ map: m === 'delay_rate' ? undefined : m })}>
              {t(`map.metric.${m}`)}
            </button>
          ))}
        </div>
      }
    >
      <div className="map-legend" data-testid="map-legend">
        <span className="muted small">{t('map.legendLow')}</span>
        <span className="scale">
          {SHADES.map((c, i) => (
            <span key={c} className="step">
              <span className="swatch-bar" style={{ background: c }} />
              <span className="step-label">{stepLabels(byRatio, max, (v) => fmt(v))[i]}</span>
            </span>
          ))}
          {mark.at !== null && <span className="national-tick" style={{ left: `${mark.at * 100}%` }} />}
        </span>
        <span className="muted small">{t('map.legendHigh')}</span>
        <strong className="small" data-testid="map-national">
          {metric === 'delay_rate' ? t('map.national', { value: fmt(mark.value) }) : t('map.nationalTotal', { value: fmt(mark.value) })}
        </strong>
        <span className="legend-item small">
          <span className="swatch" style={{ background: NO_DATA }} />
          {t('map.noData')}
        </span>
        {selected && (
          <button type="button" className="chip active" data-testid="map-clear" onClick={() => updateQuery({ region: undefined, ship_page: undefined })}>
            {t('map.selected', { name: label(selected) })} ×
          </button>
        )}
      </div>
      <Suspense fallback={<div className="china-map placeholder" data-testid="loading" />}>
        <ChinaMap shades={shades} selected={selected} onSelect={select} label={label} tip={tip} />
      </Suspense>
      <p className="muted small map-credit">{t('map.credit')}</p>
    </Panel>
  );
}

function mapValueOf(b: RegionBar, metric: MapMetric): number | null {
  return metric === 'stalled' ? b.stalled : metric === 'pickup_overdue' ? b.overdue : b.rate;
}
