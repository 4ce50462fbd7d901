import type { DIRECTIONS, SCAN_STATUSES } from '../contracts/logistics.ts';
import { transitDays } from './geography.ts';
import { Rng, WeightedTable } from './prng.ts';
import { DAY, HOUR, MINUTE } from './time.ts';

/**
 * Carrier scans of one parcel, as numbers. A parcel's lateness is decided first (by the
 * caller, see Stratifier) and the scan times are then drawn to agree with it, so the delay rate
 * per destination is what the model says rather than an accident of sampling.
 */

export type ScanStatus = (typeof SCAN_STATUSES)[number];
export type Direction = (typeof DIRECTIONS)[number];

export interface Scan {
  t: number;
  status: ScanStatus;
  exceptionCode?: string;
}

export interface ShipmentPlan {
  id: string;
  orderId: string;
  carrier: string;
  direction: Direction;
  origin: string;
  dest: string;
  promisedMs: number;
  scans: Scan[];
  pickedUpMs: number;
  /** Undefined when the parcel went back to the sender. */
  deliveredMs: number | undefined;
  returnedToSender: boolean;
  late: boolean;
  /** Changed by an injected incident: its events carry distinct ids. */
  variant: boolean;
}

export interface ShipmentInput {
  id: string;
  orderId: string;
  carrier: string;
  direction: Direction;
  origin: string;
  dest: string;
  createdMs: number;
  promisedMs: number;
  late: boolean;
  /** Cold-chain air freight for fresh produce. */
  express: boolean;
  variant: boolean;
  /** How late a late parcel is, in hours [min, max); incidents make it worse. */
  lateByHours?: readonly [number, number];
}

const EXCEPTIONS = new WeightedTable([
  ['ADDRESS_UNCLEAR', 30], ['RECIPIENT_UNREACHABLE', 25], ['WEATHER_DELAY', 20], ['SORTING_BACKLOG', 15], ['DAMAGED_IN_TRANSIT', 10],
] as const);

/**
 * Base share of outbound parcels delivered after their promised time, everywhere (China's
 * express on-time rate is around 90–95%). High enough that a province with 50 parcels due
 * expects several late ones, so "twice the national rate" is a real signal, not rounding.
 */
export const BASE_LATE_RATE = 0.08;
/**
 * Returns and exchange re-shipments are rarer and decided per parcel (their number depends on
 * refunds, so they cannot share the stratified sequence); a lower rate keeps their coin-flip
 * noise from pushing a warehouse province over "twice the national rate".
 */
export const RETURN_LATE_RATE = 0.02;

export function planShipment(rng: Rng, input: ShipmentInput): ShipmentPlan {
  const { createdMs, promisedMs, late } = input;
  // A few parcels wait more than a day for the courier (揽收超时).
  const pickedUpMs = createdMs + (rng.chance(0.008) ? rng.between(25, 40) * HOUR : rng.between(1, 6) * HOUR);
  const transit = transitDays(input.origin, input.dest) * DAY * rng.logNormal(1, 0.25) * (input.express ? 0.6 : 1);
  const natural = pickedUpMs + transit;
  const scans: Scan[] = [{ t: createdMs, status: 'created' }, { t: pickedUpMs, status: 'picked_up' }];
  let deliveredMs: number | undefined;
  let returnedToSender = false;
  let exception: Scan | undefined;
  if (late) {
    const [minLate, maxLate] = input.lateByHours ?? [2, 30];
    deliveredMs = Math.max(natural, promisedMs + rng.between(minLate, maxLate) * HOUR);
    if (rng.chance(0.3)) {
      const at = pickedUpMs + (deliveredMs - pickedUpMs) * rng.between(0.3, 0.7);
      exception = { t: at, status: 'exception', exceptionCode: rng.weighted(EXCEPTIONS) };
      if (input.direction === 'outbound' && rng.chance(0.12)) {
        returnedToSender = true;
        deliveredMs = undefined;
      }
    }
  } else {
    deliveredMs = Math.max(Math.min(natural, promisedMs - rng.between(20 * MINUTE, 4 * HOUR)), pickedUpMs + 3 * HOUR);
  }
  const end = deliveredMs ?? (exception ? exception.t + rng.between(1, 3) * DAY : natural);
  const middle: Scan[] = [{ t: Math.min(pickedUpMs + rng.between(1, 4) * HOUR, end - 2 * HOUR), status: 'in_transit' }];
  if (end - pickedUpMs > 30 * HOUR) middle.push({ t: end - rng.between(8, 16) * HOUR, status: 'in_transit' });
  if (exception) middle.push(exception);
  middle.sort((a, b) => a.t - b.t);
  const lastMiddle = (middle[middle.length - 1] as Scan).t;
  scans.push(...middle);
  if (deliveredMs !== undefined) {
    scans.push({ t: Math.max(deliveredMs - rng.between(1, 5) * HOUR, lastMiddle + 10 * MINUTE), status: 'out_for_delivery' });
    scans.push({ t: deliveredMs, status: 'delivered' });
  } else {
    scans.push({ t: end, status: 'returned_to_sender' });
  }
  // Scans must read as a journey: in order, at least a minute apart, whole milliseconds.
  let previous = -Infinity;
  for (const scan of scans) {
    scan.t = Math.floor(Math.max(scan.t, previous + MINUTE));
    previous = scan.t;
  }
  const last = scans[scans.length - 1] as Scan;
  return {
    id: input.id,
    orderId: input.orderId,
    carrier: input.carrier,
    direction: input.direction,
    origin: input.origin,
    dest: input.dest,
    promisedMs: Math.floor(promisedMs),
    scans,
    pickedUpMs: (scans[1] as Scan).t,
    deliveredMs: deliveredMs === undefined ? undefined : last.t,
    returnedToSender,
    late,
    variant: input.variant,
  };
}
