import type { Topic } from '../../contracts/index.ts';
import type { IngestPipeline } from '../../ingest/pipeline.ts';

/**
 * Where `radar import` sends a batch of one topic: the embedded store in this process (the
 * same ingest pipeline as HTTP and Kafka: validation, dead letters, idempotency by event_id),
 * or a running API (POST /v1/events/<topic>, answered only once rows are durable).
 */
export interface BatchResult {
  accepted: number;
  /** index: 0-based position of the event in the lines sent. */
  rejected: Array<{ index: number; reason: string; errors: string[] }>;
}

export interface ImportTarget {
  readonly name: string;
  send(topic: Topic, lines: string[]): Promise<BatchResult>;
}

export function pipelineTarget(pipeline: IngestPipeline, location: string): ImportTarget {
  return {
    name: `embedded store ${location}`,
    async send(topic, lines) {
      const report = await pipeline.ingestLines(topic, lines, 'import');
      return { accepted: report.accepted, rejected: report.rejected.map((r) => ({ index: r.line - 1, reason: r.reason, errors: r.errors })) };
    },
  };
}

export class ImportHttpError extends Error {}

interface IngestAnswer {
  accepted?: number;
  rejections?: Array<{ line: number; reason: string; errors?: string[] }>;
  message?: string;
}

const RETRYABLE = new Set([429, 502, 503, 504]);

/**
 * The API target. 200 (and 400 / 422 carrying a report: every line rejected) are answers; a
 * connection error or 429/502/503/504 is retried with doubling waits (the batch is idempotent);
 * anything else stops the import with the server's message, the checkpoint at the last
 * acknowledged batch.
 */
export function httpTarget(baseUrl: string, token: string | undefined, opts: { retries?: number; timeoutMs?: number; fetch?: typeof fetch } = {}): ImportTarget {
  const base = baseUrl.replace(/\/+$/, '');
  if (!/^https?:\/\//.test(base)) throw new ImportHttpError(`--url must start with http:// or https://, got "${baseUrl}"`);
  const headers: Record<string, string> = { 'content-type': 'application/x-ndjson' };
  if (token) headers.authorization = `Bearer ${token}`;
  const retries = opts.retries ?? 4;
  const doFetch = opts.fetch ?? fetch;
  return {
    name: base,
    async send(topic, lines) {
      const body = `${lines.join('\n')}\n`;
      for (let attempt = 0; ; attempt++) {
        let res: Response;
        try {
          res = await doFetch(`${base}/v1/events/${topic}`, { method: 'POST', headers, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 300_000) });
        } catch (err) {
          if (attempt < retries) {
            await wait(attempt);
            continue;
          }
          throw new ImportHttpError(`cannot reach ${base}: ${(err as Error).message}`);
        }
        if (RETRYABLE.has(res.status) && attempt < retries) {
          await res.body?.cancel();
          await wait(attempt);
          continue;
        }
        const text = await res.text();
        let answer: IngestAnswer = {};
        try {
          answer = JSON.parse(text) as IngestAnswer;
        } catch {
          // not JSON: reported below with the status
        }
        if (typeof answer.accepted === 'number' && Array.isArray(answer.rejections) && [200, 400, 422].includes(res.status)) {
          return {
            accepted: answer.accepted,
            rejected: answer.rejections.map((r) => ({ index: r.line - 1, reason: r.reason, errors: r.errors ?? [r.reason] })),
          };
        }
        const hint = res.status === 401 || res.status === 403 ? ' (an admin token is needed: --token or RADAR_TOKEN)' : '';
        throw new ImportHttpError(`${base} answered ${res.status}${hint}: ${answer.message ?? text.slice(0, 300)}`);
      }
    },
  };
}

const wait = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
