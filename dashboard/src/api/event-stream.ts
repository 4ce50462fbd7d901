import { apiUrl, authHeaders, type Query } from './http.ts';
import { SseParser, type SseEvent } from './sse-parser.ts';

/**
 * A live SSE subscription over fetch (not EventSource): the API accepts the token only as an
 * `Authorization: Bearer` header, which EventSource cannot send. Reconnects with backoff and
 * `Last-Event-ID`, so the server can replay what was missed; stops for good on 401/403/404.
 */

export type StreamStatus = 'connecting' | 'open' | 'retrying' | 'unavailable' | 'closed';

export interface StreamOptions {
  path: string;
  query?: Query;
  onEvent: (e: SseEvent) => void;
  onStatus?: (s: StreamStatus, detail?: string) => void;
  /** First reconnect delay; doubles up to 15 s. */
  retryMs?: number;
}

export function openEventStream(opts: StreamOptions): () => void {
  const abort = new AbortController();
  const parser = new SseParser();
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const status = (s: StreamStatus, detail?: string) => opts.onStatus?.(s, detail);

  const connect = async (): Promise<void> => {
    status(attempt === 0 ? 'connecting' : 'retrying');
    try {
      const headers: Record<string, string> = { accept: 'text/event-stream', ...authHeaders() };
      if (parser.lastEventId) headers['last-event-id'] = parser.lastEventId;
      const res = await fetch(apiUrl(opts.path, opts.query), { headers, signal: abort.signal, cache: 'no-store' });
      if (res.status === 401 || res.status === 403 || res.status === 404) {
        status('unavailable', `${res.status}`);
        return;
      }
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      attempt = 0;
      status('open');
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const ev of parser.push(value)) opts.onEvent(ev);
      }
      throw new Error('stream ended');
    } catch (err) {
      if (abort.signal.aborted) return;
      attempt++;
      const base = parser.retryMs ?? opts.retryMs ?? 1000;
      const delay = Math.min(15_000, base * 2 ** Math.min(attempt - 1, 4));
      status('retrying', err instanceof Error ? err.message : String(err));
      timer = setTimeout(() => void connect(), delay);
    }
  };

  void connect();
  return () => {
    abort.abort();
    if (timer) clearTimeout(timer);
    status('closed');
  };
}
