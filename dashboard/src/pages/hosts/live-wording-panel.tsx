import { useTranslation } from 'react-i18next';
import { Panel } from '../../components/states.tsx';
import { ReminderCard } from '../../components/reminder-card.tsx';
import { StreamStatusBadge } from '../../components/stream-status.tsx';
import { useReminders } from '../../live/use-reminders.ts';

/**
 * Wording hits and viewer-question spikes of a host (or one of their sessions) as they happen,
 * from the host console stream. Only what arrives while the page is open: the API keeps no
 * per-session history of hits to read back yet.
 */
export function LiveWordingPanel({ hostId, sessionId }: { hostId: string; sessionId?: string }) {
  const { t } = useTranslation();
  const stream = useReminders(hostId, true);
  const list = stream.reminders.filter((r) => !sessionId || r.live_session_id === sessionId);
  return (
    <Panel
      title={t('hosts.liveWording')}
      testId="live-wording"
      actions={<StreamStatusBadge status={stream.status} />}
      empty={list.length === 0}
      emptyText={t('hosts.liveWordingEmpty')}
    >
      <div className="reminder-list compact">
        {list.slice(0, 30).map((r) => (
          <ReminderCard key={r.id} r={r} />
        ))}
      </div>
    </Panel>
  );
}
