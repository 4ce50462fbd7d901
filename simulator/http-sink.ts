import type { Topic } from '../contracts/index.ts';
import type { EventSink } from './sink.ts';

/**
 * Sends events to the HTTP ingest endpoint: POST `${baseUrl}/v1/events/${topic}` with an NDJSON
 * body of at most `batchSize` events. The endpoint answers only once rows are durable, so an
 * awaited send is real backpressure. Ingest is idempotent by event_id, which makes retrying a
 * batch after a dropped connection or a 503 safe; any other failure — and any event the server
 * rejects — is raised with the server's own message, because a simulator producing events its
 * own contracts refuse is a bug to stop on, not to log and forget.
 */

export interface HttpSinkOptions {
  baseUrl: string;
  token?: string;
  /** Events per request (default and maximum 5,000). */
  batchSize?: number;
  /** Per-request timeout (default 120 s: a batch is answered only after it is in ClickHouse). */
  timeoutMs?: number;
  /** Retries on connection errors and 429/502/503/504 (default 3, backing off 0.5 s, 1 s, 2 s). */
  retries?: number;
  fetch?: typeof fetch;
}

export class HttpSinkError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'HttpSinkError';
  }
}

const MAX_BATCH = 5000;
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

export function createHttpSink(options: HttpSinkOptions): EventSink {
  const base = options.baseUrl.replace(/\/+$/, '');
  if (!/^https?:\/\//.test(base)) throw new TypeError(`baseUrl must start with http:// or https://, got "${options.baseUrl}"`);
  const batchSize = Math.min(MAX_BATCH, Math.max(1, Math.floor(options.batchSize ?? MAX_BATCH)));
  const retries = options.retries ?? 3;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = { 'content-type': 'application/x-ndjson' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  async function post(topic: Topic, events: object[]): Promise<void> {
    const url = `${base}/v1/events/${topic}`;
    let body = '';
    for (const event of events) body += `${JSON.stringify(event)}\n`;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await doFetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
      } catch (err) {
        if (attempt < retries) {
          await backoff(attempt);
          continue;
        }
        throw new HttpSinkError(`POST ${url} failed: ${describe(err)}`, undefined);
      }
      const text = await response.text();
      if (RETRYABLE_STATUS.has(response.status) && attempt < retries) {
        await backoff(attempt);
        continue;
      }
      if (!response.ok) throw new HttpSinkError(`POST ${url} → ${response.status}: ${serverMessage(text) || response.statusText}`, response.status);
      const rejected = rejections(text);
      if (rejected) throw new HttpSinkError(`POST ${url}: server rejected ${rejected}`, response.status);
      return;
    }
  }

  return {
    async send(topic: Topic, events: object[]): Promise<void> {
      for (let i = 0; i < events.length; i += batchSize) await post(topic, events.slice(i, i + batchSize));
    },
    async close(): Promise<void> {},
  };
}

function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // undici hides the useful part (ECONNREFUSED …) in `cause`.
  const cause = (err as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
}

/** The `message` (or `error`) of a JSON error body, else the body itself, shortened. */
function serverMessage(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') {
      const { message, error } = parsed as { message?: unknown; error?: unknown };
      if (typeof message === 'string') return message;
      if (typeof error === 'string') return error;
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 500);
}

/** "3 of 5000 events (first: …)" when a 2xx answer still reports rejected events, else undefined. */
function rejections(text: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object') return undefined;
    const answer = parsed as { rejected?: unknown; received?: unknown; rejections?: Array<{ reason?: unknown }> };
    if (typeof answer.rejected !== 'number' || answer.rejected === 0) return undefined;
    const first = answer.rejections?.[0]?.reason;
    return `${answer.rejected} of ${String(answer.received ?? '?')} events${typeof first === 'string' ? ` (first: ${first})` : ''}`;
  } catch {
    return undefined;
  }
}
