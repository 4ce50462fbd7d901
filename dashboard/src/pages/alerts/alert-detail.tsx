import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertEventJson, AlertJson } from '../../api/live-types.ts';
import { loadState, Panel } from '../../components/states.tsx';
import { useApi } from '../../queries/use-api.ts';
import { useRange } from '../../filters/range-context.tsx';
import { actOnAlert } from '../../live/alert-actions.ts';
import { actorName, alertTitle, humanise, stateName } from '../../shaping/alert-text.ts';
import { formatMoment, formatSpan, type Lang } from '../../shaping/format.ts';
import { EvidenceView } from './evidence-view.tsx';
import { SilenceForm } from './silence-form.tsx';

/** One alert: evidence (numbers, window, test, action, drill-down), its history, and actions. */
export function AlertDetail({ fingerprint, canAct, canSilence }: { fingerprint: string; canAct: boolean; canSilence: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { tick } = useRange();
  const [nonce, setNonce] = useState(0);
  const r = useApi<{ alert: AlertJson; history: AlertEventJson[] }>(`/v1/alerts/${encodeURIComponent(fingerprint)}`, {}, { refreshKey: `${tick}-${nonce}` });
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const a = r.data?.alert;

  const act = async (action: 'ack' | 'resolve') => {
    setBusy(true);
    setError(null);
    try {
      await actOnAlert(fingerprint, action, comment);
      setComment('');
      setNonce((n) => n + 1);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={a ? alertTitle(a, t) : t('alerts.detail')} testId="alert-detail" {...loadState(r)}>
      {a && (
        <div className="stack">
          <p className="row gap wrap">
            <span className={`badge sev ${a.severity}`}>{t(`severity.${a.severity}`, { defaultValue: a.severity })}</span>
            <span className={`badge state ${a.state}`} data-testid="detail-state">
              {stateName(a.state, t)}
            </span>
            {a.silenced_by.length > 0 && <span className="badge muted-badge">{t('alerts.silenced')}</span>}
          </p>
          <p className="muted small">
            {t('alerts.times', {
              started: a.started_at ? formatMoment(a.started_at, lang) : '—',
              fired: a.fired_at ? formatMoment(a.fired_at, lang) : '—',
              evaluated: a.last_evaluated_at ? formatMoment(a.last_evaluated_at, lang) : '—',
            })}
            {a.acknowledged_by && ` · ${t('alerts.ackedBy', { actor: a.acknowledged_by, at: a.acknowledged_at ? formatMoment(a.acknowledged_at, lang) : '' })}`}
          </p>
          <EvidenceView alert={a} />
          {canAct && (a.state === 'firing' || a.state === 'acknowledged') && (
            <div className="actions">
              <input value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('alerts.comment')} aria-label={t('alerts.comment')} maxLength={2000} />
              {a.state === 'firing' && (
                <button type="button" disabled={busy} onClick={() => void act('ack')} data-testid="detail-ack">
                  {t('alerts.ack')}
                </button>
              )}
              <button type="button" className="ghost" disabled={busy} onClick={() => void act('resolve')} data-testid="detail-resolve">
                {t('alerts.resolve')}
              </button>
            </div>
          )}
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
          {canSilence && <SilenceForm labels={a.labels} rule={a.rule} onDone={() => setNonce((n) => n + 1)} />}
          <h3>{t('alerts.history')}</h3>
          <ol className="history" data-testid="alert-history">
            {(r.data?.history ?? []).map((h) => (
              <li key={h.event_id} data-testid="history-item">
                <time>{formatMoment(h.at, lang)}</time> <span className={`badge state ${h.to}`}>{t(`transition.${h.transition}`, { defaultValue: humanise(h.transition) })}</span>{' '}
                <span className="muted small">
                  <span data-testid="history-move">{t('alertText.move', { from: stateName(h.from, t), to: stateName(h.to, t) })}</span>
                  {h.actor ? ` · ${actorName(h.actor, t)}` : ''}
                  {h.silenced_by.length > 0 ? ` · ${t('alerts.silenced')}` : ''}
                  {' · '}
                  {formatSpan(h.evidence.window, lang)}
                </span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </Panel>
  );
}
