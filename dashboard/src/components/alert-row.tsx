import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertEventJson } from '../api/live-types.ts';
import { actOnAlert } from '../live/alert-actions.ts';
import type { FeedItem } from '../shaping/alert-feed.ts';
import { actorName, alertSummary, alertTitle, stateName } from '../shaping/alert-text.ts';
import { formatMoment, type Lang } from '../shaping/format.ts';
import { QuotedText } from './quoted-text.tsx';

/** One alert in a feed: severity, state, what happened, and ack / resolve where allowed. */
export function AlertRow({ item, canAct, onEvent, detailHref, selected = false }: { item: FeedItem; canAct: boolean; onEvent: (e: AlertEventJson) => void; detailHref: string; selected?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const act = async (action: 'ack' | 'resolve') => {
    setBusy(true);
    setError(null);
    try {
      onEvent(await actOnAlert(item.fingerprint, action));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`alert-row sev-${item.severity} state-${item.state}${item.live ? ' live' : ''}${selected ? ' selected-row' : ''}`} data-testid="alert-item" data-fingerprint={item.fingerprint} data-state={item.state} data-rule={item.rule}>
      <div className="alert-line">
        <span className={`badge sev ${item.severity}`}>{t(`severity.${item.severity}`, { defaultValue: item.severity })}</span>
        <a className="alert-title" href={detailHref}>
          {alertTitle(item, t)}
        </a>
        <span className={`badge state ${item.state}`} data-testid="alert-state">
          {stateName(item.state, t)}
        </span>
        {item.silenced && <span className="badge muted-badge">{t('alerts.silenced')}</span>}
      </div>
      <p className="alert-summary" data-testid="alert-summary">
        <QuotedText text={alertSummary(item, t, lang)} lang={lang} />
      </p>
      <div className="alert-meta muted small">
        <time dateTime={new Date(item.at).toISOString()}>{formatMoment(new Date(item.at), lang)}</time>
        {item.actor && item.state === 'acknowledged' && <> · {t('alerts.by', { actor: actorName(item.actor, t) })}</>}
        {' · '}
        <a href={item.drilldown}>{t('alerts.drilldown')}</a>
        {canAct && item.state === 'firing' && (
          <button type="button" className="small" disabled={busy} onClick={() => void act('ack')} data-testid="alert-ack">
            {t('alerts.ack')}
          </button>
        )}
        {canAct && (item.state === 'firing' || item.state === 'acknowledged') && (
          <button type="button" className="small ghost" disabled={busy} onClick={() => void act('resolve')} data-testid="alert-resolve">
            {t('alerts.resolve')}
          </button>
        )}
      </div>
      {error && (
        <p className="error-text small" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
