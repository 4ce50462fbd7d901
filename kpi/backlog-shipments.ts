import type { Warehouse } from '../warehouse/client.ts';
import { regionName } from '../contracts/regions.ts';
import { filterParams, type KpiFilter, type Scope } from './filters.ts';
import { LOGISTICS_DEFAULTS, type Direction } from './logistics.ts';
import type { Num } from './numbers.ts';
import { paged, runPagedQuery, type Page, type Paged } from './query.ts';
import { HOUR_MS, fromChTime, isoOrNull, toChTime } from './time.ts';

/**
 * The shipments behind the backlog counts of the logistics KPI (DESIGN §4): stalled (no scan for
 * 48 h) and pickup overdue (not picked up 24 h after `created`), as of now. They are read from
 * the same fact rows with the same thresholds as the counts (sql/kpi/backlog_shipments.sql), so
 * a list's total is the count /v1/kpi/logistics reports for the same filters.
 */
export const BACKLOG_KINDS = ['stalled', 'pickup_overdue'] as const;
export type BacklogKind = (typeof BACKLOG_KINDS)[number];
export const BACKLOG_SORTS = ['hours_waited', 'promised_at', 'last_scan_at', 'region', 'carrier', 'shipment_id'] as const;

/** The fact kind each list reads and the threshold it applies (as in logistics_national.sql). */
const KINDS: Record<BacklogKind, { fact: string; thresholdS: number }> = {
  stalled: { fact: 'open', thresholdS: LOGISTICS_DEFAULTS.stallSeconds },
  pickup_overdue: { fact: 'awaiting_pickup', thresholdS: LOGISTICS_DEFAULTS.pickupSeconds },
};

export interface BacklogShipment {
  shipment_id: string;
  order_id: string;
  region_code: string;
  region_name: string;
  carrier: string | null;
  direction: string;
  shop_id: string;
  category: string;
  host_id: string;
  live_session_id: string;
  sku_id: string;
  last_status: string;
  /** When the wait began: the last scan (stalled) or the `created` scan (pickup overdue). */
  waiting_since: string;
  hours_waited: number;
  created_at: string | null;
  picked_up_at: string | null;
  last_scan_at: string;
  promised_at: string;
}

interface Row {
  shipment_id: string;
  order_id: string;
  region: string;
  carrier: string;
  direction: string;
  shop_id: string;
  category: string;
  host_id: string;
  live_session_id: string;
  sku_id: string;
  last_status: string;
  since: string;
  created_at: string | null;
  picked_up_at: string | null;
  last_scan_at: string;
  promised_at: string;
  total: Num;
}

export async function backlogShipments(
  wh: Warehouse,
  kind: BacklogKind,
  filter: KpiFilter,
  scope: Scope | undefined,
  page: Page,
  o: { direction?: Direction; region?: string; now?: Date } = {},
): Promise<Paged<BacklogShipment>> {
  const now = o.now ?? new Date();
  const params = {
    kind: KINDS[kind].fact,
    threshold_s: KINDS[kind].thresholdS,
    backlog_days: LOGISTICS_DEFAULTS.backlogDays,
    now: toChTime(now),
    direction: o.direction ?? 'outbound',
    region: o.region ?? null,
    ...filterParams(filter, scope),
  };
  const { rows, total } = await runPagedQuery<Row>(wh, 'kpi/backlog_shipments', params, page);
  return paged(
    page,
    total,
    rows.map((r) => ({
      shipment_id: r.shipment_id,
      order_id: r.order_id,
      region_code: r.region,
      region_name: regionName(r.region),
      carrier: r.carrier === '' ? null : r.carrier,
      direction: r.direction,
      shop_id: r.shop_id,
      category: r.category,
      host_id: r.host_id,
      live_session_id: r.live_session_id,
      sku_id: r.sku_id,
      last_status: r.last_status,
      waiting_since: fromChTime(r.since).toISOString(),
      hours_waited: (now.getTime() - fromChTime(r.since).getTime()) / HOUR_MS,
      created_at: isoOrNull(r.created_at),
      picked_up_at: isoOrNull(r.picked_up_at),
      last_scan_at: fromChTime(r.last_scan_at).toISOString(),
      promised_at: fromChTime(r.promised_at).toISOString(),
    })),
  );
}
