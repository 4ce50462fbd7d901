import { useSyncExternalStore } from 'react';
import { formatHash, parseHash, type Route } from './hash-route.ts';

function subscribe(fn: () => void): () => void {
  window.addEventListener('hashchange', fn);
  return () => window.removeEventListener('hashchange', fn);
}

let cachedHash: string | null = null;
let cachedRoute: Route = { path: [], query: {} };
/** The same object while the hash is unchanged (useSyncExternalStore compares by identity). */
function snapshot(): Route {
  if (window.location.hash !== cachedHash) {
    cachedHash = window.location.hash;
    cachedRoute = parseHash(cachedHash);
  }
  return cachedRoute;
}

/** The current route; re-renders on every hash change. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}

export function navigate(route: Route, opts: { replace?: boolean } = {}): void {
  const hash = formatHash(route);
  if (hash === window.location.hash) return;
  if (opts.replace) {
    window.history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

/** Changes some query keys of the current route (undefined or '' removes a key). */
export function updateQuery(changes: Record<string, string | undefined>, opts: { replace?: boolean } = {}): void {
  const cur = parseHash(window.location.hash);
  const query = { ...cur.query };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') delete query[k];
    else query[k] = v;
  }
  navigate({ path: cur.path, query }, opts);
}
