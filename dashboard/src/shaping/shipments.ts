import type { BacklogShipment } from '../api/shipment-types.ts';
import { formatDuration, formatMoment, type Lang } from './format.ts';

/**
 * Rows of the stalled / pickup-overdue shipments table: the wait as a readable duration, the
 * moments in local time, and whether the promised delivery time has already passed as of the
 * answer's `as_of` (the moment the backlog describes, not the browser's clock).
 */
export interface ShipmentRow {
  id: string;
  orderId: string;
  region: string;
  carrier: string;
  status: string;
  waited: string;
  hoursWaited: number;
  waitingSince: string;
  lastScan: string;
  promised: string;
  /** The promised delivery time is before `as_of`. */
  pastPromise: boolean;
  sku: string;
  host: string;
}

export function shipmentRows(rows: readonly BacklogShipment[], asOf: string, lang: Lang, now: Date = new Date()): ShipmentRow[] {
  const at = Date.parse(asOf);
  return rows.map((r) => ({
    id: r.shipment_id,
    orderId: r.order_id,
    region: r.region_name || r.region_code,
    carrier: r.carrier ?? '—',
    status: r.last_status,
    waited: formatDuration(r.hours_waited * 3600, lang),
    hoursWaited: r.hours_waited,
    waitingSince: formatMoment(r.waiting_since, lang, now),
    lastScan: formatMoment(r.last_scan_at, lang, now),
    promised: formatMoment(r.promised_at, lang, now),
    pastPromise: Number.isFinite(at) && Date.parse(r.promised_at) < at,
    sku: r.sku_id,
    host: r.host_id,
  }));
}
