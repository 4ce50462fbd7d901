import { useTranslation } from 'react-i18next';
import type { TrendAnswer } from '../../api/types.ts';
import { TrendChart } from '../../charts/trend-chart.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import { WindowNote } from '../../components/window-note.tsx';
import { useKpi } from '../../queries/use-kpi.ts';
import { useRange } from '../../filters/range-context.tsx';
import { trendGranularity } from '../../filters/time-range.ts';
import { FLOW_KPIS } from '../../shaping/tiles.ts';
import { hasValues, metricUnit, overlay } from '../../shaping/trends.ts';

export const TREND_METRICS = [
  ...FLOW_KPIS,
  'return_rate',
  'quality_return_rate',
  'delay_rate',
  'stalled_shipments',
  'pickup_overdue',
] as const;

/** A KPI over the window with the previous period overlaid. */
export function TrendPanel({ metric, onMetric, extra = {}, title }: { metric: string; onMetric?: (m: string) => void; extra?: Record<string, string>; title?: string }) {
  const { t } = useTranslation();
  const { range } = useRange();
  const granularity = trendGranularity(metric, range.granularity);
  const q = { metric, granularity, tz: 'Asia/Shanghai', ...extra };
  const cur = useKpi<TrendAnswer>('/v1/kpi/trends', q);
  const prev = useKpi<TrendAnswer>('/v1/kpi/trends', q, 'previous');
  const rows = cur.data ? overlay(cur.data.points, prev.data?.points) : [];
  return (
    <Panel
      title={title ?? t('overview.trend')}
      testId="trend-panel"
      actions={
        onMetric && (
          <select value={metric} onChange={(e) => onMetric(e.target.value)} aria-label={t('overview.metric')}>
            {TREND_METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`metric.${m}`)}
              </option>
            ))}
          </select>
        )
      }
      {...loadState(cur)}
      empty={cur.data !== undefined && !hasValues(rows)}
      note={cur.data && <WindowNote window={cur.data.window} previous={prev.data?.window ?? null} />}
    >
      {cur.data && <TrendChart rows={rows} unit={metricUnit(metric)} granularity={granularity} />}
    </Panel>
  );
}
