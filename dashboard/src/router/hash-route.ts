/**
 * Routes live in the URL hash (`#/skus/SKU001?range=7d&category=美妆`), so every view — page,
 * time range, filters, the open drill-down — is a link that can be shared or bookmarked, and the
 * alert evidence links the server builds (`/#/skus/…?from=…&to=…`) open the right page.
 */

export interface Route {
  /** Path segments, decoded: `['skus', 'SKU001']`. */
  path: string[];
  query: Record<string, string>;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '').replace(/^\//, '');
  const q = raw.indexOf('?');
  const pathPart = q === -1 ? raw : raw.slice(0, q);
  const queryPart = q === -1 ? '' : raw.slice(q + 1);
  const path = pathPart
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(queryPart)) if (v !== '') query[k] = v;
  return { path, query };
}

export function formatHash(route: Route): string {
  const path = route.path.map(encodeURIComponent).join('/');
  const qs = new URLSearchParams(Object.entries(route.query).filter(([, v]) => v !== '')).toString();
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

/** Query keys that belong to the whole dashboard, not one page: kept when moving between pages. */
export const GLOBAL_KEYS = ['range', 'from', 'to', 'shop_id', 'category', 'host_id', 'live_session_id'] as const;

export function globalQuery(query: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of GLOBAL_KEYS) if (query[k] !== undefined) out[k] = query[k];
  return out;
}

/** A link to `path` that keeps the current global filters and adds `extra`. */
export function linkTo(current: Record<string, string>, path: string[], extra: Record<string, string> = {}): string {
  return formatHash({ path, query: { ...globalQuery(current), ...extra } });
}
