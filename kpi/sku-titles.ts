import { queryRows, type Warehouse } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { filterParams, type Scope } from './filters.ts';

/**
 * Product titles of SKUs (migration 0021) by id, for pages that show SKU ids they got from
 * elsewhere (alert labels and evidence). A SKU without a title, or outside the caller's scope,
 * is absent: the page shows its id.
 */
export async function skuTitles(wh: Warehouse, ids: readonly string[], scope: Scope): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const { categories, host_id } = filterParams({}, scope);
  const rows = await queryRows<{ sku_id: string; title: string }>(wh.client, loadSql('catalog/sku_titles'), { ids: [...new Set(ids)], categories, host_id });
  return Object.fromEntries(rows.map((r) => [r.sku_id, r.title]));
}
