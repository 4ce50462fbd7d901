import { useTranslation } from 'react-i18next';
import { canActOnAlerts } from '../../auth/access.ts';
import { useMe } from '../../auth/session.tsx';
import { AlertRow } from '../../components/alert-row.tsx';
import { Panel } from '../../components/states.tsx';
import { StreamStatusBadge } from '../../components/stream-status.tsx';
import { useRange } from '../../filters/range-context.tsx';
import { useAlertFeed } from '../../live/use-alert-feed.ts';
import { linkTo } from '../../router/hash-route.ts';
import { countByState, matchesFilters } from '../../shaping/alert-feed.ts';

/** The live alert feed of the overview: open alerts first, new transitions arrive over SSE. */
export function AlertFeedPanel() {
  const { t } = useTranslation();
  const me = useMe();
  const { query, tick } = useRange();
  const feed = useAlertFeed({}, tick);
  const items = feed.items.filter((i) => matchesFilters(i, query)).slice(0, 30);
  const counts = countByState(items);
  return (
    <Panel
      title={t('overview.alerts')}
      testId="alert-feed"
      className="feed-panel"
      actions={<StreamStatusBadge status={feed.status} />}
      loading={feed.loading && items.length === 0}
      error={items.length === 0 ? feed.error : undefined}
      onRetry={feed.reload}
      empty={items.length === 0}
      emptyText={t('alerts.none')}
      note={t('alerts.counts', { firing: counts.firing ?? 0, acknowledged: counts.acknowledged ?? 0, pending: counts.pending ?? 0 })}
    >
      <ul className="alert-list">
        {items.map((i) => (
          <AlertRow key={i.fingerprint} item={i} canAct={canActOnAlerts(me)} onEvent={feed.apply} detailHref={linkTo(query, ['alerts', i.fingerprint])} />
        ))}
      </ul>
    </Panel>
  );
}
