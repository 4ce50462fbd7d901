import type { REFUND_ACTORS, REFUND_TYPES, ReasonCode, RefundStatus } from '../contracts/refunds.ts';
import { CATEGORY_SPECS, type RefundPolicy } from './catalog-data.ts';
import { isRemote } from './geography.ts';
import { RETURN_LATE_RATE, planShipment, type ShipmentPlan } from './logistics-plan.ts';
import type { OrderPlan } from './orders.ts';
import { Rng, WeightedTable, clamp, unitHash } from './prng.ts';
import { csatFor, pickRejectReason, requestDelayHours } from './refund-timing.ts';
import { DAY, HOUR, MINUTE, SECOND } from './time.ts';

/**
 * One refund's whole lifecycle, as numbers: requested → decision (auto / merchant / 48 h
 * timeout / rejection) → ship-back → receipt → money back, with cancellations, platform
 * escalations and ratings along the way. Rates follow the seed article: about 60% of standard
 * cases are approved automatically within minutes.
 */

export type RefundType = (typeof REFUND_TYPES)[number];
export type Actor = (typeof REFUND_ACTORS)[number];

export interface RefundStep {
  t: number;
  status: RefundStatus;
  actor: Actor;
  ruleId?: string;
  rejectReason?: string;
  csat?: number;
}

export interface RefundPlan {
  id: string;
  type: RefundType;
  reason: ReasonCode;
  amountCents: number;
  steps: RefundStep[];
  /** Parcels this refund causes: the buyer's return, and for exchanges the replacement. */
  shipments: ShipmentPlan[];
  /** Shapes the outbound parcel: a refund approved before shipping cancels it. */
  cancelsShipment: boolean;
  variant: boolean;
}

/** What an incident changes about refunds of one order. */
export interface RefundOverrides {
  /** Replaces the refund chance; with it, `reasons` and the request window apply too. */
  chance?: number;
  reasons?: WeightedTable<ReasonCode>;
  /** Request this many hours after delivery, uniformly in [min, max). */
  requestAfterDeliveryHours?: readonly [number, number];
  /** The merchant answers nothing requested in [from, to); the platform steps in at `to`. */
  silent?: { from: number; to: number };
}

export interface RefundContext {
  id: string;
  order: OrderPlan;
  outbound: ShipmentPlan;
  returnShipmentId: string;
  reshipId: string;
  seedHash: number;
  overrides: RefundOverrides | undefined;
  /** A platform-wide payout backlog: payouts starting in [fromMs, toMs) take `factor` × their drawn duration. */
  payoutBacklog: { fromMs: number; toMs: number; factor: number } | undefined;
  /** The base-world decision (see Stratifier) whether this order is refunded at all. */
  baseRequested: boolean;
}

/** Nothing of a refund happens later than this after its order (bounds the generator's look-back). */
export const MAX_LIFECYCLE_MS = 31 * DAY;

const NO_REASON: ReadonlySet<ReasonCode> = new Set(['changed_mind', 'dislike', 'size_fit']);
const allowsNoReason = (policy: RefundPolicy) => policy === '7day_no_reason' || policy === '15day_no_reason';

/** Chance an order is refunded in the base world: category norm × SKU × host, a bit lower when the policy is strict. */
export function baseRefundChance(order: OrderPlan): number {
  const sku = order.sku;
  return CATEGORY_SPECS[sku.category].refundRate * sku.qualityFactor * order.session.host.refundFactor * (allowsNoReason(sku.policy) ? 1 : 0.85);
}

export function planRefund(rng: Rng, ctx: RefundContext): RefundPlan | undefined {
  const { order, outbound, overrides } = ctx;
  // An incident that rewrites why and how often this order is refunded (not just who answers).
  const custom = overrides?.chance !== undefined;
  const sku = order.sku;
  const spec = CATEGORY_SPECS[sku.category];
  let reason: ReasonCode;
  let requestedAt: number;
  let preShip = false;

  if (outbound.returnedToSender) {
    // The parcel never arrived: nearly every buyer asks for the money back.
    if (!rng.chance(0.9)) return undefined;
    reason = 'not_received';
    requestedAt = (outbound.scans[outbound.scans.length - 1]?.t ?? order.t) + rng.between(2, 48) * HOUR;
  } else {
    const requested = overrides?.chance !== undefined ? rng.chance(overrides.chance) : ctx.baseRequested;
    if (!requested) return undefined;
    const createdAt = outbound.scans[0]?.t ?? order.t;
    if (outbound.late && !custom && rng.chance(0.4)) {
      // A late parcel turns a would-be refund into a complaint about the wait (drawn from the
      // same budget, so lateness does not add refund noise to the SKU's return rate).
      reason = 'late_delivery';
      requestedAt = outbound.promisedMs + rng.between(2, 20) * HOUR;
    } else {
      reason = rng.weighted(overrides?.reasons ?? spec.reasons);
      // Most buyers of a quality-only SKU know "changed my mind" will not work — and claim a fault instead.
      for (let i = 0; i < 10 && !custom && NO_REASON.has(reason) && !allowsNoReason(sku.policy) && rng.chance(0.7); i++) {
        reason = rng.weighted(spec.reasons);
      }
      if (reason === 'changed_mind' && !custom && createdAt - order.t > 20 * MINUTE && rng.chance(0.35)) {
        // 多拍/错拍: caught before the parcel leaves, refunded without a return.
        preShip = true;
        requestedAt = order.t + rng.between(5 * MINUTE, (createdAt - order.t) * 0.8);
      } else {
        if (outbound.deliveredMs === undefined) return undefined;
        const window = overrides?.requestAfterDeliveryHours;
        requestedAt = outbound.deliveredMs + (window ? rng.between(window[0], window[1]) : requestDelayHours(rng, reason, sku.policy)) * HOUR;
      }
    }
  }

  const type: RefundType =
    preShip || reason === 'late_delivery' || reason === 'not_received'
      ? 'refund_only'
      : sku.category === '生鲜'
        ? rng.chance(0.85) ? 'refund_only' : 'return_refund'
        : reason === 'size_fit'
          ? rng.chance(0.25) ? 'exchange' : 'return_refund'
          : order.amountCents < 3000 && !NO_REASON.has(reason)
            ? rng.chance(0.7) ? 'refund_only' : 'return_refund'
            : rng.chance(0.12) ? 'refund_only' : 'return_refund';
  // Fresh produce is often refunded in part (a few bad fruits in the box).
  const partial = sku.category === '生鲜' && type === 'refund_only' && (reason === 'damaged' || reason === 'quality') && rng.chance(0.4);
  const amountCents = partial ? Math.max(1, Math.round(order.amountCents * rng.between(0.2, 0.6))) : order.amountCents;

  const steps: RefundStep[] = [{ t: requestedAt, status: 'requested', actor: 'buyer' }];
  const shipments: ShipmentPlan[] = [];
  const noReason = NO_REASON.has(reason);
  const policyViolation = noReason && !allowsNoReason(sku.policy) && !preShip;
  const standard =
    preShip ||
    (noReason && !policyViolation) ||
    reason === 'late_delivery' ||
    reason === 'not_received' ||
    (sku.category === '生鲜' && (reason === 'damaged' || reason === 'quality') && amountCents < 10_000) ||
    (amountCents < 2000 && !policyViolation);
  const silent = overrides?.silent && requestedAt >= overrides.silent.from && requestedAt < overrides.silent.to ? overrides.silent : undefined;
  const variant = outbound.variant || custom || silent !== undefined;
  // The drawn payout duration, stretched when the payout starts inside a backlog (the draw is
  // consumed either way, so later draws stay aligned with the quiet world); a stretched refund
  // is a variant: its events get new ids, as every event an incident changes.
  let stretched = false;
  const payoutDelay = (startMs: number, drawnMs: number): number => {
    const b = ctx.payoutBacklog;
    if (!(b && startMs >= b.fromMs && startMs < b.toMs)) return drawnMs;
    stretched = true;
    return drawnMs * b.factor;
  };

  let approvedAt: number | undefined;
  let automated = false;
  let finalRejection = false;
  if (silent) {
    // The shop has gone quiet: nobody decides; some buyers give up, the rest wait for the platform.
    if (rng.chance(0.15)) {
      steps.push({ t: requestedAt + rng.between(20, 60) * HOUR, status: 'cancelled', actor: 'buyer' });
    } else {
      const escalatedAt = Math.max(silent.to, requestedAt + 49 * HOUR) + rng.between(0, 4) * HOUR;
      steps.push({ t: escalatedAt, status: 'escalated', actor: 'platform' });
      approvedAt = escalatedAt + rng.between(1, 6) * HOUR;
      steps.push({ t: approvedAt, status: 'approved', actor: 'platform' });
    }
  } else if (standard && (preShip || rng.chance(0.9))) {
    automated = true;
    approvedAt = requestedAt + rng.between(3 * SECOND, 120 * SECOND);
    steps.push({ t: approvedAt, status: 'auto_approved', actor: 'system', ruleId: autoRule(reason, sku.policy, preShip, sku.category, amountCents) });
  } else {
    const delayHours = rng.logNormal(sku.shop.decisionMedianHours * spec.decisionFactor, 1.1);
    if (rng.chance(0.04)) {
      steps.push({ t: requestedAt + rng.between(0.25, Math.min(delayHours, 40)) * HOUR, status: 'cancelled', actor: 'buyer' });
    } else if (delayHours >= 48) {
      // The platform's rule: no answer in 48 h means yes (超时自动同意).
      approvedAt = requestedAt + 48 * HOUR;
      steps.push({ t: approvedAt, status: 'timeout_approved', actor: 'system', ruleId: 'timeout.merchant_48h' });
    } else if (rng.chance(policyViolation ? 0.85 : reason === 'counterfeit' ? 0.2 : 0.07)) {
      const rejectedAt = requestedAt + delayHours * HOUR;
      steps.push({ t: rejectedAt, status: 'rejected', actor: 'merchant', rejectReason: pickRejectReason(rng, spec, sku.policy, policyViolation) });
      finalRejection = true;
      if (rng.chance(0.25)) {
        const escalatedAt = rejectedAt + rng.between(2, 48) * HOUR;
        steps.push({ t: escalatedAt, status: 'escalated', actor: 'platform' });
        const verdictAt = escalatedAt + rng.between(6, 48) * HOUR;
        if (rng.chance(0.55)) {
          finalRejection = false;
          approvedAt = verdictAt;
          steps.push({ t: verdictAt, status: 'approved', actor: 'platform' });
        } else {
          steps.push({ t: verdictAt, status: 'rejected', actor: 'platform', rejectReason: '平台核实：不符合退款条件，维持商家处理结果' });
        }
      }
    } else {
      approvedAt = requestedAt + delayHours * HOUR;
      steps.push({ t: approvedAt, status: 'approved', actor: 'merchant' });
    }
  }

  let terminalAt: number | undefined = finalRejection ? (steps[steps.length - 1] as RefundStep).t : undefined;
  if (approvedAt !== undefined) {
    if (type === 'refund_only') {
      terminalAt = approvedAt + payoutDelay(approvedAt, automated ? rng.between(30 * SECOND, 10 * MINUTE) : rng.between(5 * MINUTE, 3 * HOUR));
      steps.push({ t: terminalAt, status: 'refunded', actor: 'system' });
    } else if (rng.chance(0.03)) {
      // Approved but never sent back: the platform closes it after 7 days.
      steps.push({ t: approvedAt + 7 * DAY, status: 'cancelled', actor: 'system' });
    } else {
      const createdAt = approvedAt + clamp(rng.logNormal(18, 0.8), 0.5, 144) * HOUR;
      const back = planShipment(rng, {
        id: ctx.returnShipmentId,
        orderId: order.id,
        carrier: rng.weighted(CATEGORY_SPECS['服饰'].carriers),
        direction: 'return',
        origin: order.region,
        dest: sku.shop.warehouse,
        createdMs: createdAt,
        promisedMs: createdAt + (isRemote(order.region) ? 120 : 72) * HOUR,
        late: unitHash(ctx.seedHash, order.t, order.serial, 0x7e7) < RETURN_LATE_RATE,
        express: false,
        variant,
      });
      shipments.push(back);
      steps.push({ t: back.pickedUpMs + rng.between(5 * MINUTE, 2 * HOUR), status: 'buyer_shipped', actor: 'buyer' });
      const receivedAt = (back.deliveredMs ?? back.pickedUpMs) + clamp(rng.logNormal(spec.receiptMedianHours, 0.8), 0.2, 96) * HOUR;
      steps.push({ t: receivedAt, status: 'merchant_received', actor: 'merchant' });
      if (type === 'return_refund') {
        terminalAt = receivedAt + payoutDelay(receivedAt, rng.between(5 * MINUTE, 12 * HOUR));
        steps.push({ t: terminalAt, status: 'refunded', actor: 'system' });
      } else {
        // An exchange ends when the replacement arrives; no money moves.
        const reshipAt = receivedAt + rng.between(2, 24) * HOUR;
        const reship = planShipment(rng, {
          id: ctx.reshipId,
          orderId: order.id,
          carrier: rng.weighted(spec.carriers),
          direction: 'outbound',
          origin: sku.shop.warehouse,
          dest: order.region,
          createdMs: reshipAt,
          promisedMs: reshipAt + (isRemote(order.region) ? 120 : 72) * HOUR,
          late: unitHash(ctx.seedHash, order.t, order.serial, 0xe8c) < RETURN_LATE_RATE,
          express: false,
          variant,
        });
        shipments.push(reship);
        terminalAt = reship.deliveredMs;
      }
    }
  }
  if (terminalAt !== undefined && rng.chance(0.35)) {
    const took = terminalAt - requestedAt;
    steps.push({
      t: terminalAt + clamp(rng.logNormal(20, 0.8), 0.5, 120) * HOUR,
      status: 'rated',
      actor: 'buyer',
      csat: csatFor(rng, finalRejection ? 'rejected' : automated && took < 2 * DAY ? 'fast' : took > 5 * DAY ? 'slow' : 'normal'),
    });
  }

  // Steps must be strictly ordered in time (the latest state wins downstream) and stay inside
  // the generator's look-back horizon.
  const horizon = order.t + MAX_LIFECYCLE_MS;
  let previous = -Infinity;
  const kept: RefundStep[] = [];
  for (const step of steps) {
    step.t = Math.floor(Math.max(step.t, previous + SECOND));
    previous = step.t;
    if (step.t <= horizon) kept.push(step);
  }
  for (const shipment of shipments) shipment.scans = shipment.scans.filter((scan) => scan.t <= horizon);
  return {
    id: ctx.id,
    type,
    reason,
    amountCents,
    steps: kept,
    shipments: shipments.filter((s) => s.scans.length > 0),
    cancelsShipment: preShip,
    variant: variant || stretched,
  };
}

function autoRule(reason: ReasonCode, policy: RefundPolicy, preShip: boolean, category: string, amountCents: number): string {
  if (preShip) return 'auto.preship_refund';
  if (reason === 'late_delivery' || reason === 'not_received') return `auto.${reason}`;
  if (NO_REASON.has(reason)) return policy === '15day_no_reason' ? 'auto.no_reason_15d' : 'auto.no_reason_7d';
  if (category === '生鲜') return 'auto.fresh_quick_refund';
  return amountCents < 2000 ? 'auto.low_value' : 'auto.standard';
}
