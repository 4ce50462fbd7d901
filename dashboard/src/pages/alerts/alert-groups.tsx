import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertEventJson } from '../../api/live-types.ts';
import { AlertRow } from '../../components/alert-row.tsx';
import { ackGroup, createSilence } from '../../live/alert-actions.ts';
import type { FeedItem } from '../../shaping/alert-feed.ts';
import { firingMembers, groupAlerts, groupMatchers, localInputValue, parseSilenceEnd, type AlertGroup } from '../../shaping/alert-groups.ts';
import { alertTitle, labelRows, stateName, subjectText } from '../../shaping/alert-text.ts';

import './alert-groups.css';

const STATE_ORDER = ['firing', 'acknowledged', 'pending', 'resolved'];
/** Subjects named in a collapsed group before "+N". */
const SUBJECTS_SHOWN = 4;

interface Props {
  items: FeedItem[];
  selected: string | undefined;
  canAct: boolean;
  canSilence: boolean;
  onEvent: (e: AlertEventJson) => void;
  onChanged: () => void;
  detailHref: (item: FeedItem) => string;
}

/** The alert centre's default view: one entry per notification group (rule → subjects), expandable. */
export function AlertGroups({ items, ...rest }: Props) {
  const groups = groupAlerts(items);
  return (
    <ul className="alert-groups" data-testid="alert-groups">
      {groups.map((g) => (
        <GroupEntry key={g.key} group={g} {...rest} />
      ))}
    </ul>
  );
}

function GroupEntry({ group: g, selected, canAct, canSilence, onEvent, onChanged, detailHref }: { group: AlertGroup } & Omit<Props, 'items'>) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => g.members.some((m) => m.fingerprint === selected));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [silencing, setSilencing] = useState(false);
  const firing = firingMembers(g);
  const title = alertTitle(g.members[0]!, t);
  const labels = labelRows(g.labels, t);
  const subjects = g.members.slice(0, SUBJECTS_SHOWN).map((m) => subjectText(m.subject, t, m.labels));
  const more = g.members.length - subjects.length;

  const ack = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const n = await ackGroup({ key: g.key, serverKey: g.serverKey, firing: firing.map((m) => m.fingerprint) });
      setMessage({ text: t('alertGroups.acked', { count: n }), error: false });
      onChanged();
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`alert-group sev-${g.severity}`} data-testid="alert-group" data-group-key={g.key} data-rule={g.rule} data-members={g.members.length}>
      <div className="alert-line">
        <span className={`badge sev ${g.severity}`}>{t(`severity.${g.severity}`, { defaultValue: g.severity })}</span>
        <button type="button" className="link-button alert-title" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="group-toggle">
          {open ? '▾' : '▸'} {title}
        </button>
        {labels.map((l) => (
          <span key={l.key} className="badge muted-badge">
            {l.label}: {l.value}
          </span>
        ))}
      </div>
      {!open && (
        <p className="muted small group-subjects" data-testid="group-subjects">
          → {subjects.join(' · ')}
          {more > 0 ? ` · +${more}` : ''}
        </p>
      )}
      <div className="row gap wrap small">
        <span data-testid="group-size">{t('alertGroups.members', { count: g.members.length })}</span>
        {STATE_ORDER.filter((s) => (g.counts[s] ?? 0) > 0).map((s) => (
          <span key={s} className={`badge state ${s}`} data-testid={`group-count-${s}`}>
            {stateName(s, t)} {g.counts[s]}
          </span>
        ))}
        {canAct && firing.length > 0 && (
          <button type="button" className="small" disabled={busy} onClick={() => void ack()} data-testid="group-ack">
            {t('alertGroups.ack', { count: firing.length })}
          </button>
        )}
        {canSilence && !silencing && (
          <button type="button" className="small ghost" onClick={() => setSilencing(true)} data-testid="group-silence-open">
            {t('alertGroups.silence')}
          </button>
        )}
      </div>
      {message && (
        <p className={message.error ? 'error-text small' : 'muted small'} role={message.error ? 'alert' : 'status'} data-testid="group-message">
          {message.text}
        </p>
      )}
      {silencing && (
        <GroupSilenceForm
          group={g}
          onDone={(text) => {
            setSilencing(false);
            setMessage({ text, error: false });
            onChanged();
          }}
          onCancel={() => setSilencing(false)}
        />
      )}
      {open && (
        <ul className="alert-list group-members" data-testid="group-members">
          {g.members.map((m) => (
            <AlertRow key={m.fingerprint} item={m} selected={m.fingerprint === selected} canAct={canAct} onEvent={onEvent} detailHref={detailHref(m)} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** Silence a whole group: rule=<rule> plus its group_by labels, until a chosen end time. */
function GroupSilenceForm({ group, onDone, onCancel }: { group: AlertGroup; onDone: (message: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const matchers = groupMatchers(group);
  const [until, setUntil] = useState(() => localInputValue(Date.now() + 4 * 3_600_000));
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const end = parseSilenceEnd(until, Date.now());
    if (!end.ok) {
      setError(t(`alertGroups.silenceEnd.${end.reason}`));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const s = await createSilence(matchers, end.at, comment);
      onDone(t('silence.created', { id: s.id.slice(0, 8) }));
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  return (
    <form className="silence-form card inset" onSubmit={submit} data-testid="group-silence-form">
      <p className="small muted">{t('silence.explain')}</p>
      <code className="small">{matchers.map((m) => `${m.name}${m.op}${m.value}`).join(', ')}</code>
      <label className="row gap small">
        {t('alertGroups.until')}
        <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} data-testid="group-silence-until" required />
      </label>
      <input value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('alerts.comment')} aria-label={t('alerts.comment')} maxLength={2000} />
      <div className="row gap">
        <button type="submit" disabled={busy} data-testid="group-silence-submit">
          {t('silence.submit')}
        </button>
        <button type="button" className="ghost" onClick={onCancel}>
          {t('silence.cancel')}
        </button>
      </div>
      {error && (
        <p className="error-text small" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
