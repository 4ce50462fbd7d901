import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Loading } from '../../components/states.tsx';
import { trendMetricOf } from '../../filters/time-range.ts';
import { updateQuery, useRoute } from '../../router/use-route.ts';
import type { PageProps } from '../page-props.ts';
import { AlertFeedPanel } from './alert-feed-panel.tsx';
import { KpiTiles } from './kpi-tiles.tsx';

// The charts (and recharts with them) load beside the tiles, never in front of them.
const loadTrend = () => import('./trend-panel.tsx');
const loadReason = () => import('./reason-panel.tsx');
const loadStage = () => import('./stage-panel.tsx');
const TrendPanel = lazy(() => loadTrend().then((m) => ({ default: m.TrendPanel })));
const ReasonPanel = lazy(() => loadReason().then((m) => ({ default: m.ReasonPanel })));
const StagePanel = lazy(() => loadStage().then((m) => ({ default: m.StagePanel })));

/** How long the other panels wait for the tiles before asking the API anyway. */
const TILES_FIRST_MS = 1500;

/**
 * Operations' page (DESIGN §7): KPI tiles, the chosen KPI's trend, reasons, stages, live alerts.
 * The tiles are asked for first (the embedded engine serves queries one after another, so the
 * numbers people look for first must not queue behind the charts); the rest follows.
 */
export function OverviewPage(_props: PageProps) {
  const { query } = useRoute();
  const metric = trendMetricOf(query.metric ?? 'refund_requests');
  const setMetric = (m: string) => updateQuery({ metric: trendMetricOf(m) }, { replace: true });
  const [tilesSettled, setTilesSettled] = useState(false);
  const settle = useState(() => () => setTilesSettled(true))[0];

  useEffect(() => {
    void loadTrend();
    void loadReason();
    void loadStage();
    const t = setTimeout(settle, TILES_FIRST_MS);
    return () => clearTimeout(t);
  }, [settle]);

  const placeholder = (
    <div className="card panel">
      <Loading />
    </div>
  );
  const later = (node: ReactNode) => (tilesSettled ? <Suspense fallback={placeholder}>{node}</Suspense> : placeholder);
  return (
    <div className="overview" data-testid="overview-page">
      <KpiTiles selected={metric} onSelect={setMetric} onSettled={settle} />
      <div className="grid-2-1">
        {later(<TrendPanel metric={metric} onMetric={setMetric} />)}
        {tilesSettled ? <AlertFeedPanel /> : placeholder}
      </div>
      <div className="grid-2">
        {later(<ReasonPanel />)}
        {later(<StagePanel {...(query.panel === 'stages' && query.stage ? { highlight: query.stage } : {})} />)}
      </div>
    </div>
  );
}
