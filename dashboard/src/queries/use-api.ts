import { useCallback, useEffect, useState } from 'react';
import { apiFetch, apiUrl, type Query } from '../api/http.ts';
import { takePrefetched } from './prefetch.ts';

export interface Loadable<T> {
  data: T | undefined;
  /** Set when the request failed and there is nothing to show (failed refreshes keep the old data). */
  error: Error | undefined;
  /** The last refresh failed; `data` is from before. */
  stale: boolean;
  /** True while a request is in flight and there is nothing to show yet. */
  loading: boolean;
  /** A background refresh is in flight. */
  refreshing: boolean;
  reload: () => void;
}

export interface UseApiOptions {
  /**
   * Answers under the same keep key replace each other without a loading state in between (a
   * relative window moving forward). Default: the URL itself.
   */
  keepKey?: string;
  /** A change refetches the same URL (periodic refresh of a fixed window). */
  refreshKey?: string | number;
}

interface State<T> {
  keepKey: string | null;
  data: T | undefined;
  error: Error | undefined;
  inFlight: boolean;
}

/**
 * GET an API path and keep the answer; a new request aborts the one it replaces. `path: null`
 * waits (nothing to ask yet).
 */
export function useApi<T>(path: string | null, query: Query = {}, opts: UseApiOptions = {}): Loadable<T> {
  const url = path === null ? null : apiUrl(path, query);
  const keepKey = url === null ? null : (opts.keepKey ?? url);
  const [state, setState] = useState<State<T>>({ keepKey, data: undefined, error: undefined, inFlight: url !== null });
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    if (url === null || path === null) return;
    const abort = new AbortController();
    setState((s) => (s.keepKey === keepKey ? { ...s, inFlight: true } : { keepKey, data: undefined, error: undefined, inFlight: true }));
    (takePrefetched<T>(url) ?? apiFetch<T>(path, { query, signal: abort.signal })).then(
      (data) => setState({ keepKey, data, error: undefined, inFlight: false }),
      (err: unknown) => {
        if (abort.signal.aborted) return;
        const error = err instanceof Error ? err : new Error(String(err));
        setState((s) => ({ keepKey, data: s.keepKey === keepKey ? s.data : undefined, error, inFlight: false }));
      },
    );
    return () => abort.abort();
    // `query` is captured through `url`, which encodes it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url, keepKey, nonce, opts.refreshKey]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const mine = state.keepKey === keepKey;
  const data = mine ? state.data : undefined;
  const error = mine ? state.error : undefined;
  return {
    data,
    error: data === undefined ? error : undefined,
    stale: data !== undefined && error !== undefined,
    loading: url !== null && data === undefined && (!mine || state.inFlight || error === undefined),
    refreshing: mine && state.inFlight && data !== undefined,
    reload,
  };
}
