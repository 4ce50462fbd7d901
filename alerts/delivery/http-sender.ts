import type { Rendered } from './transports/index.ts';

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Timeout of one attempt. */
  timeoutMs: number;
  /** Backoff before attempt n+1 is drawn from [cap/2, cap] with cap = min(maxDelayMs, baseDelayMs × 2^(n-1)). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, timeoutMs: 5_000, baseDelayMs: 1_000, maxDelayMs: 60_000 };

export interface SendResult {
  ok: boolean;
  attempts: number;
  status: number;
  error: string;
}

export interface SenderDeps {
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1); injected so tests are deterministic. */
  random(): number;
  fetch?: typeof fetch;
}

export const realSenderDeps: SenderDeps = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Status codes worth another try: the receiver is busy or broken, not refusing the payload. */
function retryable(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * POSTs one rendered notification, retrying with exponential backoff and jitter. Jitter keeps
 * many alerts that failed together (a receiver restart) from retrying in lockstep; "equal
 * jitter" (half fixed, half random) keeps a real pause between attempts. A 4xx other than
 * 408/425/429 is final: the payload will not get better by resending it.
 */
export async function sendWithRetry(url: string, rendered: Rendered, policy: RetryPolicy, deps: SenderDeps): Promise<SendResult> {
  const doFetch = deps.fetch ?? fetch;
  let last: SendResult = { ok: false, attempts: 0, status: 0, error: 'not attempted' };
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    let retryAfterMs = 0;
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: rendered.headers,
        body: rendered.body,
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      // Drain the body so the connection is reused; its content is not needed.
      const text = await res.text().catch(() => '');
      if (res.ok) return { ok: true, attempts: attempt, status: res.status, error: '' };
      last = { ok: false, attempts: attempt, status: res.status, error: `HTTP ${res.status}: ${text.slice(0, 200)}` };
      if (!retryable(res.status)) return last;
      const retryAfter = Number(res.headers.get('retry-after'));
      if (Number.isFinite(retryAfter) && retryAfter > 0) retryAfterMs = retryAfter * 1000;
    } catch (err) {
      const e = err as Error;
      last = { ok: false, attempts: attempt, status: 0, error: e.name === 'TimeoutError' ? `timeout after ${policy.timeoutMs} ms` : e.message };
    }
    if (attempt < policy.maxAttempts) await deps.sleep(backoffMs(attempt, policy, deps.random, retryAfterMs));
  }
  return last;
}

export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number, retryAfterMs = 0): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const delay = cap / 2 + random() * (cap / 2);
  return Math.min(policy.maxDelayMs, Math.max(delay, retryAfterMs));
}
