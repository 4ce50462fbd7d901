import { useApi } from './use-api.ts';

/**
 * Product titles of SKU ids a page got from elsewhere (alert labels, evidence, reminders), from
 * GET /v1/kpi/sku-titles; an id without a known title is absent (show the id). One request per
 * distinct set of ids, in a stable order so the URL (and its cache) stays the same.
 */
export function useSkuTitles(ids: readonly (string | null | undefined)[]): Record<string, string> {
  const list = [...new Set(ids.filter((x): x is string => !!x && !x.includes(',')))].sort().slice(0, 200);
  const r = useApi<{ titles: Record<string, string> }>(list.length > 0 ? '/v1/kpi/sku-titles' : null, { ids: list.join(',') });
  return r.data?.titles ?? {};
}
