import { useEffect, useRef, useState } from 'react';
import { openEventStream, type StreamStatus } from '../api/event-stream.ts';
import type { HostReminder } from '../api/live-types.ts';
import { addReminder } from '../shaping/reminders.ts';

export interface ReminderStream {
  reminders: HostReminder[];
  status: StreamStatus;
  /** When each reminder reached the page (ms), for the latency shown on the console. */
  shownAt: Map<string, number>;
}

/**
 * GET /v1/host/stream (SSE, events `reminder`): a host token streams its own reminders; ops and
 * admin pass the host (`hostId`), or null for every host. `onReminder` fires for each new one
 * (the console's sound and flash).
 */
export function useReminders(hostId: string | null, enabled: boolean, onReminder?: (r: HostReminder) => void): ReminderStream {
  const [reminders, setReminders] = useState<HostReminder[]>([]);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const shownAt = useRef(new Map<string, number>());
  const callback = useRef(onReminder);
  callback.current = onReminder;

  useEffect(() => {
    if (!enabled) return;
    setReminders([]);
    return openEventStream({
      path: '/v1/host/stream',
      query: hostId ? { host_id: hostId } : {},
      onStatus: (s) => setStatus(s),
      onEvent: (ev) => {
        if (ev.type !== 'reminder') return;
        let r: HostReminder;
        try {
          r = JSON.parse(ev.data) as HostReminder;
        } catch {
          return;
        }
        if (!shownAt.current.has(r.id)) shownAt.current.set(r.id, Date.now());
        setReminders((list) => addReminder(list, r));
        callback.current?.(r);
      },
    });
  }, [hostId, enabled]);

  return { reminders, status, shownAt: shownAt.current };
}
