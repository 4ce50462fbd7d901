import { useTranslation } from 'react-i18next';
import { canActOnAlerts, canSilence } from '../../auth/access.ts';
import { useMe } from '../../auth/session.tsx';
import { AlertRow } from '../../components/alert-row.tsx';
import { Panel } from '../../components/states.tsx';
import { StreamStatusBadge } from '../../components/stream-status.tsx';
import { useRange } from '../../filters/range-context.tsx';
import { useAlertFeed } from '../../live/use-alert-feed.ts';
import { linkTo } from '../../router/hash-route.ts';
import { updateQuery, useRoute } from '../../router/use-route.ts';
import { countByState } from '../../shaping/alert-feed.ts';
import type { PageProps } from '../page-props.ts';
import { AlertDetail } from './alert-detail.tsx';
import { AlertGroups } from './alert-groups.tsx';
import { EvaluationsPanel } from './evaluations-panel.tsx';
import { SilencesPanel } from './silences-panel.tsx';

import { RULES } from './rules.ts';
const STATES = ['firing', 'acknowledged', 'pending', 'resolved'] as const;
const SEVERITIES = ['critical', 'warning', 'info'] as const;

/** Alerts centre: filter, open one for its evidence and history, ack / resolve / silence; evaluations. */
export function AlertsPage({ params }: PageProps) {
  const { t } = useTranslation();
  const me = useMe();
  const { query } = useRoute();
  const tab = query.tab ?? 'alerts';
  const ops = canSilence(me);
  return (
    <div className="stack" data-testid="alerts-page">
      {ops && (
        <div className="tabs" role="tablist">
          {(['alerts', 'evaluations', 'silences'] as const).map((k) => (
            <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'tab active' : 'tab'} onClick={() => updateQuery({ tab: k === 'alerts' ? undefined : k })}>
              {t(`alerts.tab.${k}`)}
            </button>
          ))}
        </div>
      )}
      {tab === 'evaluations' && ops ? (
        <EvaluationsPanel />
      ) : tab === 'silences' && ops ? (
        <SilencesPanel />
      ) : (
        <div className={params[0] ? 'grid-1-1' : ''}>
          <AlertList selected={params[0]} />
          {params[0] && <AlertDetail fingerprint={params[0]} canAct={canActOnAlerts(me)} canSilence={ops} />}
        </div>
      )}
    </div>
  );
}

function AlertList({ selected }: { selected: string | undefined }) {
  const { t } = useTranslation();
  const me = useMe();
  const { query, tick } = useRange();
  const filters = {
    state: query.state ?? 'pending,firing,acknowledged',
    rule: query.rule,
    severity: query.severity,
    category: query.category,
    shop_id: query.shop_id,
    host_id: query.host_id,
  };
  const feed = useAlertFeed(filters, tick);
  const states = filters.state.split(',');
  // Live transitions are not filtered by the server stream: apply the same filters here.
  const items = feed.items.filter(
    (i) =>
      states.includes(i.state) &&
      (!filters.rule || filters.rule.split(',').includes(i.rule)) &&
      (!filters.severity || i.severity === filters.severity) &&
      (!filters.category || i.labels.category === filters.category) &&
      (!filters.shop_id || i.labels.shop_id === filters.shop_id) &&
      (!filters.host_id || i.labels.host_id === filters.host_id),
  );
  const counts = countByState(items);
  // Grouped (rule → subjects) by default, as Alertmanager users expect; ?view=list for one row per alert.
  const grouped = query.view !== 'list';
  const href = (i: { fingerprint: string }) => linkTo(query, ['alerts', i.fingerprint], { state: query.state ?? '', rule: query.rule ?? '', severity: query.severity ?? '', view: query.view ?? '' });
  const toggleState = (s: string) => {
    const next = states.includes(s) ? states.filter((x) => x !== s) : [...states, s];
    updateQuery({ state: next.length ? next.join(',') : s });
  };
  return (
    <Panel
      title={t('alerts.title')}
      testId="alert-centre"
      actions={<StreamStatusBadge status={feed.status} />}
      loading={feed.loading && items.length === 0}
      error={items.length === 0 ? feed.error : undefined}
      onRetry={feed.reload}
      note={t('alerts.counts', { firing: counts.firing ?? 0, acknowledged: counts.acknowledged ?? 0, pending: counts.pending ?? 0 })}
    >
      <div className="row gap wrap filters-inline">
        <span className="view-toggle" role="group" aria-label={t('alertGroups.view.label')}>
          {(['grouped', 'list'] as const).map((v) => (
            <button key={v} type="button" className={(v === 'grouped') === grouped ? 'chip active' : 'chip'} aria-pressed={(v === 'grouped') === grouped} onClick={() => updateQuery({ view: v === 'list' ? 'list' : undefined })} data-testid={`view-${v}`}>
              {t(`alertGroups.view.${v}`)}
            </button>
          ))}
        </span>
        {STATES.map((s) => (
          <button key={s} type="button" className={states.includes(s) ? 'chip active' : 'chip'} aria-pressed={states.includes(s)} onClick={() => toggleState(s)}>
            {t(`alertState.${s}`)}
          </button>
        ))}
        <select value={query.rule ?? ''} onChange={(e) => updateQuery({ rule: e.target.value })} aria-label={t('alerts.rule')}>
          <option value="">{t('alerts.allRules')}</option>
          {RULES.map((r) => (
            <option key={r} value={r}>
              {t(`rule.${r}`)}
            </option>
          ))}
        </select>
        <select value={query.severity ?? ''} onChange={(e) => updateQuery({ severity: e.target.value })} aria-label={t('alerts.severity')}>
          <option value="">{t('alerts.allSeverities')}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`severity.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {items.length === 0 ? (
        <p className="empty">{t('alerts.none')}</p>
      ) : grouped ? (
        <AlertGroups items={items} selected={selected} canAct={canActOnAlerts(me)} canSilence={canSilence(me)} onEvent={feed.apply} onChanged={feed.reload} detailHref={href} />
      ) : (
        <ul className="alert-list" data-testid="alert-rows">
          {items.map((i) => (
            <AlertRow key={i.fingerprint} item={i} selected={i.fingerprint === selected} canAct={canActOnAlerts(me)} onEvent={feed.apply} detailHref={href(i)} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
