import { apiFetch, apiUrl, type Query } from '../api/http.ts';

/**
 * Requests started before the page that needs them has loaded (the overview's KPI tiles are
 * asked for while the app's code and /v1/me are still on their way). A prefetched answer is
 * handed to the first useApi asking for the same URL within MAX_AGE_MS, once.
 */
const MAX_AGE_MS = 10_000;
const pending = new Map<string, { promise: Promise<unknown>; at: number }>();

export function prefetch(path: string, query: Query): void {
  const url = apiUrl(path, query);
  const promise = apiFetch<unknown>(path, { query });
  // Unclaimed failures are not errors of anyone's; the claimant sees its own.
  promise.catch(() => undefined);
  pending.set(url, { promise, at: Date.now() });
}

export function takePrefetched<T>(url: string): Promise<T> | undefined {
  const p = pending.get(url);
  if (!p) return undefined;
  pending.delete(url);
  return Date.now() - p.at <= MAX_AGE_MS ? (p.promise as Promise<T>) : undefined;
}
