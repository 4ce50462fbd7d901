/**
 * fetch against the API with the signed-in token as `Authorization: Bearer`. Errors carry the
 * status and, for a 400, the field the server named, so a page can say what went wrong.
 */

const TOKEN_KEY = 'radar.token';

export function storedToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  if (token === null) localStorage.removeItem(TOKEN_KEY);
  else localStorage.setItem(TOKEN_KEY, token);
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** `/v1/x?a=1&b=2`, leaving out empty values. */
export function apiUrl(path: string, query: Query = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** Called on a 401 so the shell can return to the sign-in screen. */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

export function authHeaders(token = storedToken()): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

export async function apiFetch<T>(
  path: string,
  opts: { query?: Query; method?: string; body?: unknown; signal?: AbortSignal; token?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(opts.token ?? storedToken()) };
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(apiUrl(path, opts.query), { method: opts.method ?? 'GET', headers, body, signal: opts.signal ?? null });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const e = (json ?? {}) as { message?: string; field?: string };
    if (res.status === 401 && opts.token === undefined) onUnauthorized();
    throw new ApiError(res.status, e.message ?? (text.slice(0, 200) || res.statusText), e.field);
  }
  return json as T;
}
