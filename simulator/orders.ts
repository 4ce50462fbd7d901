import { CATEGORY_SPECS } from './catalog-data.ts';
import { buyerProvince } from './geography.ts';
import { Rng, clamp, hashInts } from './prng.ts';
import { sessionKey, type Session } from './schedule.ts';
import { HOUR, MINUTE, isWeekend } from './time.ts';
import type { Sku, World } from './world.ts';

/**
 * Orders placed during a live session. Sales come in bursts: most orders for a SKU land in the
 * first minutes after the host puts it on screen (上链接), a few come later from the cart, and a
 * small tail arrives after the stream ends.
 */

export interface OrderPlan {
  id: string;
  /** Stable number of the order inside its session (also in the id). */
  serial: number;
  userId: string;
  region: string;
  session: Session;
  sku: Sku;
  t: number;
  offsetMs: number;
  quantity: number;
  amountCents: number;
  /** Added by an injected incident (kept out of the base world's randomness). */
  injected: boolean;
}

/** Orders per minute on screen for an average SKU and host; calibrated to ~3.5k orders/day at scale 1. */
const ORDERS_PER_MINUTE = 0.72;
const BUYER_POOL = 400_000;

export function sessionOrders(world: World, session: Session): OrderPlan[] {
  const rng = new Rng(hashInts(world.seedHash, 0x0d, ...sessionKey(session)));
  const host = session.host;
  const dayFactor = isWeekend(session.day) ? 1.15 : 1;
  const drafts: Array<{ sku: Sku; offset: number }> = [];
  const shown: Sku[] = [];
  for (const segment of session.segments) {
    const sku = segment.sku;
    if (!sku) continue;
    shown.push(sku);
    const minutes = (segment.endOffset - segment.startOffset) / MINUTE;
    const priceYuan = sku.priceCents / 100;
    const priceFactor = clamp(Math.pow(120 / priceYuan, 0.3), 0.5, 1.6);
    const expected =
      ORDERS_PER_MINUTE * minutes * host.popularity * dayFactor * CATEGORY_SPECS[sku.category].orderFactor * sku.appeal * priceFactor;
    const count = rng.poisson(expected);
    for (let i = 0; i < count; i++) {
      // The burst right after 上链接, then a flat trickle while the host keeps talking.
      const burst = rng.chance(0.65);
      const within = burst
        ? Math.min(rng.exponential(2.5 * MINUTE), segment.endOffset - segment.startOffset - 1)
        : rng.between(0, segment.endOffset - segment.startOffset);
      // Some buyers go back to the cart (小黄车) for something shown earlier.
      const fromCart = shown.length > 1 && rng.chance(0.08);
      drafts.push({ sku: fromCart ? rng.pick(shown) : sku, offset: segment.startOffset + within });
    }
  }
  // The tail: orders placed from the replay or the cart after the stream has ended.
  const tail = Math.round(drafts.length * 0.03);
  for (let i = 0; i < tail && shown.length > 0; i++) {
    drafts.push({ sku: rng.pick(shown), offset: session.durationMs + rng.between(0, 2 * HOUR) });
  }
  drafts.sort((a, b) => a.offset - b.offset);
  const base = session.id.slice(2);
  return drafts.map((draft, i) => buildOrder(world, rng, session, draft.sku, draft.offset, `O${base}${String(i + 1).padStart(4, '0')}`, i + 1, false));
}

/**
 * Extra orders of one SKU pushed hard (pinned in the cart) during an incident. They use their
 * own random stream and ids, so the base world's orders are the same with and without incidents.
 */
export function pinnedOrders(world: World, session: Session, sku: Sku, expected: number): OrderPlan[] {
  const rng = new Rng(hashInts(world.seedHash, 0x91, ...sessionKey(session)));
  const count = rng.poisson(expected);
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) offsets.push(Math.floor(rng.between(5 * MINUTE, session.durationMs)));
  offsets.sort((a, b) => a - b);
  const base = session.id.slice(2);
  return offsets.map((offset, i) => buildOrder(world, rng, session, sku, offset, `O${base}X${String(i + 1).padStart(3, '0')}`, 9000 + i, true));
}

function buildOrder(world: World, rng: Rng, session: Session, sku: Sku, offset: number, id: string, serial: number, injected: boolean): OrderPlan {
  const userNo = rng.int(1, Math.round(BUYER_POOL * Math.max(world.scale, 0.1)));
  const bulky = sku.category === '生鲜' || sku.category === '食品';
  const q = rng.next();
  const quantity = bulky ? (q < 0.7 ? 1 : q < 0.9 ? 2 : q < 0.97 ? 3 : 5) : q < 0.88 ? 1 : q < 0.97 ? 2 : 3;
  // 多件95折 — the usual live-room bundle discount.
  const amountCents = Math.round(sku.priceCents * quantity * (quantity > 1 ? 0.95 : 1));
  const offsetMs = Math.floor(offset);
  return {
    id,
    serial,
    userId: `U${world.tag}${userNo}`,
    region: buyerProvince(world.seedHash, userNo),
    session,
    sku,
    t: session.startMs + offsetMs,
    offsetMs,
    quantity,
    amountCents,
    injected,
  };
}
