import type { FilterParams } from './filters.ts';

/**
 * The levels of the level rollups (refund_level_rollup 0009, shipment_level_rollup 0011,
 * return_levels 0012), coarsest first. A row of level L is grouped by L's attribute and every
 * coarser one, carries them as columns ('' for the finer ones), and is keyed by L's value, so
 * the finest filter a request carries becomes a primary-key prefix and the other filters are
 * tested on the row's columns.
 */
export const LEVELS = ['all', 'shop', 'host', 'session'] as const;
export type Level = (typeof LEVELS)[number];

/**
 * The level and key that answer these filters: the finest of session > host > shop, 'all'
 * without one. Null for a SKU filter: levels carry no SKUs, so those reads take the facts.
 * A key of '' (filterParams' "nothing") matches no level row: rows whose key would be '' are
 * not written at that level.
 */
export function finestLevel(p: FilterParams): { level: Level; key: string } | null {
  if (p.sku_id !== null) return null;
  if (p.live_session_id !== null) return { level: 'session', key: p.live_session_id };
  if (p.host_id !== null) return { level: 'host', key: p.host_id };
  if (p.shop_id !== null) return { level: 'shop', key: p.shop_id };
  return { level: 'all', key: '' };
}
