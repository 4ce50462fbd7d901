import { CARRIER_PREFIX, CATEGORY_SPECS } from './catalog-data.ts';
import type { Emitter } from './emitter.ts';
import { isRemote } from './geography.ts';
import type { IncidentPlan } from './incidents.ts';
import { BASE_LATE_RATE, planShipment, type ShipmentPlan } from './logistics-plan.ts';
import { pinnedOrders, sessionOrders, type OrderPlan } from './orders.ts';
import { Rng, clamp, hashInts, unitHash } from './prng.ts';
import { baseRefundChance, planRefund, type RefundOverrides } from './refund-plan.ts';
import { sessionKey, sessionsOfDay } from './schedule.ts';
import { sessionTranscript, type TranscriptMods } from './speech.ts';
import type { Strata } from './stratifier.ts';
import { HOUR } from './time.ts';
import type { World } from './world.ts';

/**
 * Everything that follows from one China-local day's live sessions: the orders, their parcels,
 * their refunds (which may run weeks past the day) and the transcripts. A day is the unit of
 * generation; days are generated in order because refunds and parcel lateness are balanced
 * across the days of an epoch (see Stratifier).
 * Orders are always planned in full (cheap arithmetic); transcripts only when the session
 * overlaps the window; events only when they fall inside it.
 */
export function generateDay(world: World, plan: IncidentPlan, day: number, strata: Strata, emitter: Emitter, fromMs: number, toMs: number): void {
  const sessions = sessionsOfDay(world, day);
  // In time order, so that the parcels due in any 24 h are a near-contiguous run of each
  // stratified sequence and the per-province delay rate stays close to its model value.
  const orders = sessions.flatMap((session) => sessionOrders(world, session)).sort((a, b) => a.t - b.t);
  for (const order of orders) processOrder(world, plan, order, strata, emitter);
  // Incident-added orders come after the base ones so they never shift the base world's draws.
  const spike = plan.skuSpike;
  if (spike) {
    for (const session of sessions) {
      if (session.host.shop !== spike.sku.shop || session.startMs < spike.fromMs || session.startMs >= spike.toMs) continue;
      for (const order of pinnedOrders(world, session, spike.sku, spike.pinnedPerSession)) processOrder(world, plan, order, undefined, emitter);
    }
  }
  for (const session of sessions) {
    if (session.startMs >= toMs || session.endMs < fromMs) continue;
    let mods: TranscriptMods | undefined;
    const risky = plan.riskyWording;
    if (risky?.sessionId === session.id) mods = { riskyWording: risky.burst === undefined ? true : { burst: risky.burst, spread: risky.spread ?? 10 } };
    const flood = plan.questionFlood;
    if (flood?.sessionId === session.id) mods = { ...mods, questionFlood: flood };
    for (const utterance of sessionTranscript(world, session, mods)) emitter.utterance(session, utterance);
  }
}

export function processOrder(world: World, plan: IncidentPlan, order: OrderPlan, strata: Strata | undefined, emitter: Emitter): void {
  const { sku, session } = order;
  const spec = CATEGORY_SPECS[sku.category];
  const rng = new Rng(hashInts(world.seedHash, 0x0e, ...sessionKey(session), order.serial));
  const carrier = rng.weighted(spec.carriers);
  const promiseHours = spec.promiseHours + (isRemote(order.region) ? 48 : 0);
  const promisedMs = order.t + promiseHours * HOUR;
  // Injected orders must not consume the strata, or the base world would shift; base orders
  // always consume them, even when an incident then overrides the outcome.
  const isLate = strata ? strata.late.next(`${order.region}:${promiseHours}`, BASE_LATE_RATE) : unitHash(world.seedHash, order.t, order.serial, 0x1a7) < BASE_LATE_RATE;
  const baseRequested = strata ? strata.refunds.next(order.sku.id, baseRefundChance(order)) : unitHash(world.seedHash, order.t, order.serial, 0x4e1) < baseRefundChance(order);
  const handlingHours = sku.category === '生鲜' ? rng.between(2, 8) : clamp(rng.logNormal(9, 0.6), 1, 40);
  const shipmentId = `${CARRIER_PREFIX[carrier] ?? 'EX'}${order.id.slice(1)}`;
  const input = {
    id: shipmentId,
    orderId: order.id,
    carrier,
    direction: 'outbound' as const,
    origin: sku.shop.warehouse,
    dest: order.region,
    createdMs: order.t + handlingHours * HOUR,
    promisedMs,
    late: isLate,
    express: sku.category === '生鲜',
    variant: false,
  };
  let outbound: ShipmentPlan = planShipment(rng, input);
  const delay = plan.regionalDelay;
  if (delay && order.region === delay.province && promisedMs >= delay.fromMs && promisedMs < delay.toMs) {
    // Its own stream: the base stream's draws stay exactly as they were without the incident.
    const incidentRng = new Rng(hashInts(world.seedHash, 0xde1a, ...sessionKey(session), order.serial));
    outbound = planShipment(incidentRng, { ...input, late: incidentRng.chance(delay.lateRate), lateByHours: delay.lateByHours, variant: true });
  }

  const refund = planRefund(rng, {
    id: `RF${order.id.slice(1)}`,
    order,
    outbound,
    returnShipmentId: `${shipmentId}R`,
    reshipId: `${shipmentId}E`,
    seedHash: world.seedHash,
    overrides: refundOverrides(plan, order),
    payoutBacklog: plan.payoutBacklog,
    baseRequested,
  });
  emitter.order(order);
  if (!refund?.cancelsShipment) emitter.shipment(outbound);
  if (refund) {
    emitter.refund(refund, order);
    for (const shipment of refund.shipments) emitter.shipment(shipment);
  }
}

function refundOverrides(plan: IncidentPlan, order: OrderPlan): RefundOverrides | undefined {
  let overrides: RefundOverrides | undefined;
  const spike = plan.skuSpike;
  if (spike && order.sku === spike.sku && order.t >= spike.fromMs && order.t < spike.toMs) overrides = spike.overrides;
  if (plan.sessionSpike?.sessionId === order.session.id) overrides = plan.sessionSpike.overrides;
  const silence = plan.merchantSilence;
  if (silence && order.sku.shop.id === silence.shopId) overrides = { ...overrides, silent: { from: silence.fromMs, to: silence.toMs } };
  return overrides;
}
