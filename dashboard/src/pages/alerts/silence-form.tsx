import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Matcher } from '../../api/live-types.ts';
import { createSilence } from '../../live/alert-actions.ts';
import { humanise, labelValue } from '../../shaping/alert-text.ts';

const DURATIONS_H = [1, 4, 24, 72];

/**
 * Silence an alert like it: matchers on its rule and subject labels (each can be left out), for
 * a chosen time. Silenced alerts are still recorded; only notifications stop.
 */
export function SilenceForm({ labels, rule, onDone }: { labels: Record<string, string>; rule: string; onDone: () => void }) {
  const { t } = useTranslation();
  const candidates: Matcher[] = [{ name: 'rule', op: '=', value: rule }, ...Object.entries(labels).map(([name, value]) => ({ name, op: '=' as const, value }))];
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(candidates.map((m) => m.name)));
  const [hours, setHours] = useState(4);
  const [comment, setComment] = useState('');
  const [state, setState] = useState<{ busy: boolean; message: string | null; error: boolean }>({ busy: false, message: null, error: false });
  const [open, setOpen] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const matchers = candidates.filter((m) => chosen.has(m.name));
    if (matchers.length === 0) return;
    setState({ busy: true, message: null, error: false });
    try {
      const s = await createSilence(matchers, new Date(Date.now() + hours * 3_600_000), comment);
      setState({ busy: false, message: t('silence.created', { id: s.id.slice(0, 8) }), error: false });
      setOpen(false);
      onDone();
    } catch (err) {
      setState({ busy: false, message: (err as Error).message, error: true });
    }
  };

  if (!open) {
    return (
      <div>
        <button type="button" className="ghost" onClick={() => setOpen(true)} data-testid="silence-open">
          {t('silence.open')}
        </button>
        {state.message && <p className={state.error ? 'error-text' : 'muted small'}>{state.message}</p>}
      </div>
    );
  }
  return (
    <form className="silence-form card inset" onSubmit={submit} data-testid="silence-form">
      <p className="small muted">{t('silence.explain')}</p>
      {candidates.map((m) => (
        <label key={m.name} className="row gap small">
          <input
            type="checkbox"
            checked={chosen.has(m.name)}
            onChange={(e) => {
              const next = new Set(chosen);
              if (e.target.checked) next.add(m.name);
              else next.delete(m.name);
              setChosen(next);
            }}
          />
          <code>
            {m.name} = {m.value}
          </code>
          <span className="muted">
            {m.name === 'rule' ? t('alertText.label.rule') : t(`alertText.label.${m.name}`, { defaultValue: humanise(m.name) })}
            {m.name === 'rule' ? '' : labelValue(m.name, m.value, t, labels) !== m.value ? `: ${labelValue(m.name, m.value, t, labels)}` : ''}
          </span>
        </label>
      ))}
      <label className="row gap small">
        {t('silence.for')}
        <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
          {DURATIONS_H.map((h) => (
            <option key={h} value={h}>
              {t('silence.hours', { count: h })}
            </option>
          ))}
        </select>
      </label>
      <input value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('alerts.comment')} aria-label={t('alerts.comment')} maxLength={2000} />
      <div className="row gap">
        <button type="submit" disabled={state.busy || chosen.size === 0}>
          {t('silence.submit')}
        </button>
        <button type="button" className="ghost" onClick={() => setOpen(false)}>
          {t('silence.cancel')}
        </button>
      </div>
      {state.message && <p className={state.error ? 'error-text' : 'muted small'}>{state.message}</p>}
    </form>
  );
}
