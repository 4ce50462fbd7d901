import { useTranslation } from 'react-i18next';
import type { AlertJson } from '../../api/live-types.ts';
import type { SessionTimeline } from '../../api/session-types.ts';
import type { ReturnRatesAnswer } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { AlertList } from '../../components/alert-list.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { returnColumns } from '../../components/return-columns.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import { WindowNote } from '../../components/window-note.tsx';
import { useApi } from '../../queries/use-api.ts';
import { useRange } from '../../filters/range-context.tsx';
import { useKpiOver } from '../../queries/use-kpi.ts';
import { linkTo } from '../../router/hash-route.ts';
import { useRoute } from '../../router/use-route.ts';
import { formatCount, formatPercent, type Lang } from '../../shaping/format.ts';
import { sessionWindow } from '../../shaping/session-window.ts';
import { skuViews } from '../../shaping/skus.ts';
import { ReasonPanel } from '../overview/reason-panel.tsx';
import type { PageProps } from '../page-props.ts';
import { LiveWordingPanel } from './live-wording-panel.tsx';
import { MinutesPanel, TopicsPanel } from './session-panels.tsx';
import { TranscriptPanel } from './transcript-panel.tsx';

/**
 * One live session: orders, refunds, wording hits and viewer questions minute by minute, the
 * transcript with its wording hits marked, what viewers asked about, the SKUs sold and their
 * refund reasons, alerts about it, and wording hits as they happen. Every figure is the
 * session's own (issue #17): the timeline covers the whole session, and the return rates and
 * reasons read the session's order cohort (from its first line or order to now), whatever the
 * global time range says, so a session of last week still shows its products.
 */
export function SessionPage({ params }: PageProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const me = useMe();
  const { query } = useRoute();
  const session = params[0] ?? '';
  const only = { live_session_id: session };
  const timeline = useApi<SessionTimeline>(`/v1/sessions/${encodeURIComponent(session)}/timeline`, { from_ms: query.from_ms });
  const host = timeline.data?.host_id ?? query.host ?? null;
  const { tick } = useRange();
  const own = sessionWindow(timeline.data?.span, tick);
  const summary = useKpiOver<ReturnRatesAnswer>(own, '/v1/kpi/return-rates', { by: 'session', ...only, limit: 1 });
  const skus = useKpiOver<ReturnRatesAnswer>(own, '/v1/kpi/return-rates', { by: 'sku', ...only, limit: 200, sort: 'orders', order: 'desc' });
  const ownNote = (w: { from: string; to: string } | undefined) => (w ? <WindowNote window={w} own={t('scope.session')} /> : t('scope.session'));
  const alerts = useApi<{ alerts: AlertJson[] }>(host ? '/v1/alerts' : null, { host_id: host ?? '', limit: 100 });
  const sessionAlerts = alerts.data?.alerts.filter((a) => a.labels.live_session_id === session) ?? [];
  const s = summary.data?.rows[0];

  return (
    <div className="stack" data-testid="session-page">
      <div className="page-head">
        {host && <a href={linkTo(query, ['hosts', host])}>← {t('hosts.host')} {host}</a>}
        <h1>
          {t('hosts.session')} {session}
        </h1>
        {s && (
          <p className="muted">
            {t('session.summary', { orders: formatCount(s.orders, lang), refunded: formatCount(s.refunded_orders, lang), rate: formatPercent(s.return_rate), baseline: formatPercent(s.baseline_return_rate) })}
          </p>
        )}
      </div>
      <MinutesPanel timeline={timeline} />
      <div className="grid-2-1">
        <TranscriptPanel timeline={timeline} />
        <div className="stack">
          <TopicsPanel timeline={timeline} />
          {host && me.role !== 'category_manager' && <LiveWordingPanel hostId={host} sessionId={session} />}
        </div>
      </div>
      <div className="grid-2">
        <Panel title={t('session.skus')} {...loadState(skus)} empty={skus.data?.rows.length === 0} testId="session-skus" note={ownNote(skus.data?.window)}>
          {skus.data && (
            <DataTable
              columns={returnColumns(t, lang, { label: 'SKU', link: (x) => linkTo(query, ['skus', x.key]) }).filter((c) => c.key !== 'quality')}
              rows={skuViews(skus.data.rows)}
              rowKey={(x) => x.key}
            />
          )}
        </Panel>
        <ReasonPanel extra={only} own={{ window: own }} />
      </div>
      <Panel title={t('session.alerts')} testId="session-alerts" note={t('scope.session')} {...loadState(alerts)} empty={sessionAlerts.length === 0} emptyText={t('alerts.none')}>
        <AlertList alerts={sessionAlerts} />
      </Panel>
    </div>
  );
}
