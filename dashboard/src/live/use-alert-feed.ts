import { useCallback, useEffect, useReducer, useState } from 'react';
import { openEventStream, type StreamStatus } from '../api/event-stream.ts';
import type { AlertEventJson, AlertJson } from '../api/live-types.ts';
import { useApi } from '../queries/use-api.ts';
import { applyEvent, mergeList, type FeedItem } from '../shaping/alert-feed.ts';

type Action = { type: 'list'; alerts: AlertJson[] } | { type: 'event'; event: AlertEventJson };

function reducer(feed: FeedItem[], a: Action): FeedItem[] {
  return a.type === 'list' ? mergeList(feed, a.alerts) : applyEvent(feed, a.event);
}

export interface AlertFeed {
  items: FeedItem[];
  status: StreamStatus;
  loading: boolean;
  error: Error | undefined;
  /** Puts a transition the API just answered with on screen (the stream brings it too; it dedupes). */
  apply(e: AlertEventJson): void;
  reload(): void;
}

/**
 * The live alert feed: the open alerts from GET /v1/alerts, then every transition from
 * GET /v1/alerts/stream (SSE, scoped by the token on the server) as it happens, no reload.
 */
export function useAlertFeed(filters: Record<string, string | undefined> = {}, refreshKey?: number): AlertFeed {
  const query = { state: 'pending,firing,acknowledged,resolved', limit: 100, ...filters };
  const list = useApi<{ alerts: AlertJson[] }>('/v1/alerts', query, { refreshKey: refreshKey ?? 0, keepKey: JSON.stringify(filters) });
  const [items, dispatch] = useReducer(reducer, []);
  const [status, setStatus] = useState<StreamStatus>('connecting');

  useEffect(() => {
    if (list.data) dispatch({ type: 'list', alerts: list.data.alerts });
  }, [list.data]);

  useEffect(
    () =>
      openEventStream({
        path: '/v1/alerts/stream',
        onStatus: (s) => setStatus(s),
        onEvent: (ev) => {
          if (ev.type !== 'alert') return;
          try {
            dispatch({ type: 'event', event: JSON.parse(ev.data) as AlertEventJson });
          } catch {
            // a malformed frame is skipped; the next list reload brings the truth
          }
        },
      }),
    [],
  );

  const apply = useCallback((e: AlertEventJson) => dispatch({ type: 'event', event: e }), []);
  return { items, status, loading: list.loading, error: list.error, apply, reload: list.reload };
}
