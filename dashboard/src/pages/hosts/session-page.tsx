import { useTranslation } from 'react-i18next';
import type { AlertJson } from '../../api/live-types.ts';
import type { ReturnRatesAnswer, TrendAnswer } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { SessionFlowChart } from '../../charts/session-flow-chart.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { returnColumns } from '../../components/return-columns.tsx';
import { Panel } from '../../components/states.tsx';
import { WindowNote } from '../../components/window-note.tsx';
import { useApi } from '../../queries/use-api.ts';
import { useKpi } from '../../queries/use-kpi.ts';
import { linkTo } from '../../router/hash-route.ts';
import { useRoute } from '../../router/use-route.ts';
import { formatCount, formatPercent, type Lang } from '../../shaping/format.ts';
import { skuViews } from '../../shaping/skus.ts';
import { ReasonPanel } from '../overview/reason-panel.tsx';
import type { PageProps } from '../registry.ts';
import { LiveWordingPanel } from './live-wording-panel.tsx';

/**
 * One live session: orders and refunds along it (by order hour), the SKUs sold, refund reasons,
 * alerts about it and wording hits as they happen.
 */
export function SessionPage({ params }: PageProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const me = useMe();
  const { query } = useRoute();
  const session = params[0] ?? '';
  const only = { live_session_id: session };
  const hostRow = useKpi<ReturnRatesAnswer>('/v1/kpi/return-rates', { by: 'host', ...only, limit: 1 });
  const host = query.host ?? hostRow.data?.rows[0]?.key ?? null;
  const summary = useKpi<ReturnRatesAnswer>('/v1/kpi/return-rates', { by: 'session', ...only, limit: 1 });
  const skus = useKpi<ReturnRatesAnswer>('/v1/kpi/return-rates', { by: 'sku', ...only, limit: 200, sort: 'orders', order: 'desc' });
  const flow = useKpi<TrendAnswer>('/v1/kpi/trends', { metric: 'return_rate', granularity: 'hour', ...only });
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
      <Panel
        title={t('session.flow')}
        loading={flow.loading}
        error={flow.error}
        onRetry={flow.reload}
        empty={flow.data !== undefined && !flow.data.points.some((p) => (p.denominator ?? 0) > 0)}
        note={flow.data && <WindowNote window={flow.data.window} />}
      >
        {flow.data && <SessionFlowChart points={flow.data.points} granularity="hour" />}
      </Panel>
      <div className="grid-2">
        <Panel title={t('session.skus')} loading={skus.loading} error={skus.error} empty={skus.data?.rows.length === 0} note={skus.data && <WindowNote window={skus.data.window} />}>
          {skus.data && (
            <DataTable
              columns={returnColumns(t, lang, { label: 'SKU', link: (x) => linkTo(query, ['skus', x.key], { cat: x.category }) }).filter((c) => c.key !== 'quality')}
              rows={skuViews(skus.data.rows)}
              rowKey={(x) => x.key}
            />
          )}
        </Panel>
        <ReasonPanel extra={only} />
      </div>
      <Panel title={t('session.alerts')} loading={alerts.loading} error={alerts.error} empty={sessionAlerts.length === 0} emptyText={t('alerts.none')}>
        <ul className="alert-list">
          {sessionAlerts.map((a) => (
            <li key={a.fingerprint} className={`alert-row sev-${a.severity}`}>
              <a href={linkTo(query, ['alerts', a.fingerprint])}>{a.title}</a> <span className={`badge state ${a.state}`}>{t(`alertState.${a.state}`, { defaultValue: a.state })}</span>
              <p className="alert-summary">{a.evidence.summary}</p>
            </li>
          ))}
        </ul>
      </Panel>
      <Panel title={t('session.transcript')}>
        <p className="muted" data-testid="transcript-missing-api">
          {t('session.transcriptMissing')}
        </p>
      </Panel>
      {host && me.role !== 'category_manager' && <LiveWordingPanel hostId={host} sessionId={session} />}
    </div>
  );
}
