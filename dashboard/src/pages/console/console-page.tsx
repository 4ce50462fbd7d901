import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostReminder } from '../../api/live-types.ts';
import { consoleHost } from '../../auth/access.ts';
import { useMe } from '../../auth/session.tsx';
import { ReminderCard } from '../../components/reminder-card.tsx';
import { StreamStatusBadge } from '../../components/stream-status.tsx';
import { chime, enableSound, soundSupported } from '../../live/chime.ts';
import { useReminders } from '../../live/use-reminders.ts';
import { updateQuery, useRoute } from '../../router/use-route.ts';
import type { PageProps } from '../page-props.ts';
import { useWakeLock } from './use-wake-lock.ts';

const SOUND_KEY = 'radar.console.sound';

/**
 * The host console (DESIGN §1): one big live stream of reminders, newest on top, readable on a
 * phone propped beside the camera. A new reminder flashes the screen and, if switched on,
 * chimes. A host sees only their own reminders (the server enforces it); ops and admin pick a host.
 */
export function ConsolePage(_props: PageProps) {
  const { t } = useTranslation();
  const me = useMe();
  const { query } = useRoute();
  const host = consoleHost(me, query.host_id);
  const [sound, setSound] = useState(() => localStorage.getItem(SOUND_KEY) === 'on');
  const [flash, setFlash] = useState(0);
  const [unseen, setUnseen] = useState(0);
  const soundRef = useRef(sound);
  soundRef.current = sound;

  const onReminder = (r: HostReminder) => {
    setFlash((n) => n + 1);
    if (document.visibilityState !== 'visible') setUnseen((n) => n + 1);
    if (soundRef.current) chime(r.kind === 'wording_hit' ? 'hit' : 'notice');
  };
  const stream = useReminders(host, true, onReminder);
  useWakeLock(true);

  useEffect(() => {
    const clear = () => document.visibilityState === 'visible' && setUnseen(0);
    document.addEventListener('visibilitychange', clear);
    return () => document.removeEventListener('visibilitychange', clear);
  }, []);
  useEffect(() => {
    const base = t('console.title');
    document.title = unseen > 0 ? `(${unseen}) ⚠ ${base}` : base;
    return () => {
      document.title = '售后雷达 Aftersales Radar';
    };
  }, [unseen, t]);

  const toggleSound = async () => {
    const next = !sound;
    if (next) await enableSound();
    setSound(next);
    localStorage.setItem(SOUND_KEY, next ? 'on' : 'off');
    if (next) chime('notice');
  };

  const [latest, ...older] = stream.reminders;
  return (
    <div className={`console${flash % 2 === 1 ? ' flash-a' : flash > 0 ? ' flash-b' : ''}`} data-testid="console-page">
      <div className="console-bar">
        <h1>
          {t('console.title')}
          {host ? <span className="muted"> · {host}</span> : me.role !== 'host' && <span className="muted"> · {t('console.allHosts')}</span>}
        </h1>
        <StreamStatusBadge status={stream.status} />
        {soundSupported() && (
          <button type="button" className={sound ? 'chip active' : 'chip'} aria-pressed={sound} onClick={() => void toggleSound()} data-testid="sound-toggle">
            {sound ? t('console.soundOn') : t('console.soundOff')}
          </button>
        )}
      </div>
      {me.role !== 'host' && <HostPicker current={host} />}
      {latest ? (
        <div className="reminder-stream" aria-live="assertive" data-testid="reminder-stream">
          <ReminderCard key={latest.id} r={latest} big {...(stream.shownAt.get(latest.id) !== undefined ? { shownAt: stream.shownAt.get(latest.id)! } : {})} />
          <div className="reminder-list">
            {older.slice(0, 50).map((r) => (
              <ReminderCard key={r.id} r={r} />
            ))}
          </div>
        </div>
      ) : (
        <div className="console-empty" data-testid="console-empty">
          <p className="big-ok">✓</p>
          <p>{t('console.quiet')}</p>
          <p className="muted small">{t('console.quietHelp')}</p>
        </div>
      )}
    </div>
  );
}

function HostPicker({ current }: { current: string | null }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(current ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    updateQuery({ host_id: value.trim() || undefined });
  };
  return (
    <form className="row gap host-picker" onSubmit={submit}>
      <input value={value} onChange={(e) => setValue(e.target.value)} placeholder={t('console.hostPlaceholder')} aria-label={t('filters.key.host_id')} />
      <button type="submit" className="small">
        {t('console.watch')}
      </button>
    </form>
  );
}
