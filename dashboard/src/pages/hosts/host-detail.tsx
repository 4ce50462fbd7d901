import { useTranslation } from 'react-i18next';
import type { ReturnRatesAnswer } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { returnColumns } from '../../components/return-columns.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import { WindowNote } from '../../components/window-note.tsx';
import { useKpi } from '../../queries/use-kpi.ts';
import { linkTo } from '../../router/hash-route.ts';
import { useRoute } from '../../router/use-route.ts';
import type { Lang } from '../../shaping/format.ts';
import { skuViews } from '../../shaping/skus.ts';
import { ReasonPanel } from '../overview/reason-panel.tsx';
import { TrendPanel } from '../overview/trend-panel.tsx';
import { LiveWordingPanel } from './live-wording-panel.tsx';

/** One host: their live sessions by return rate, refund trend and reasons, and live wording hits. */
export function HostDetail({ host }: { host: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const me = useMe();
  const { query } = useRoute();
  const sessions = useKpi<ReturnRatesAnswer>('/v1/kpi/return-rates', { by: 'session', host_id: host, limit: 200, sort: 'key', order: 'desc' });
  const rows = sessions.data ? skuViews(sessions.data.rows) : [];
  const columns = returnColumns(t, lang, { label: t('hosts.session'), link: (x) => linkTo(query, ['sessions', x.key], { host: host }) });
  return (
    <div className="stack" data-testid="host-page">
      <div className="page-head">
        {me.role !== 'host' && <a href={linkTo(query, ['hosts'])}>← {t('hosts.title')}</a>}
        <h1>
          {t('hosts.host')} {host}
        </h1>
      </div>
      <Panel
        title={t('hosts.sessions')}
        {...loadState(sessions)}
        empty={sessions.data !== undefined && rows.length === 0}
        note={sessions.data && <WindowNote window={sessions.data.window} />}
      >
        <DataTable columns={columns} rows={rows} rowKey={(x) => x.key} rowClass={(x) => (x.flagged ? 'flagged' : '')} />
      </Panel>
      <div className="grid-2">
        <TrendPanel metric="refund_requests" extra={{ host_id: host }} title={t('hosts.refundTrend')} />
        <ReasonPanel extra={{ host_id: host }} />
      </div>
      {me.role !== 'category_manager' && <LiveWordingPanel hostId={host} />}
    </div>
  );
}
