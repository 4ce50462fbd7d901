import { Rng, hashInts } from './prng.ts';
import { HOUR, MINUTE, chinaDayStart, ymd } from './time.ts';
import type { Host, Sku, World } from './world.ts';

/**
 * Who is live when, and what is on screen. A host goes live most days at their usual slot
 * (mostly evenings, China time) for 2–4 hours and walks through a line-up of their shop's SKUs,
 * each on screen for 6–15 minutes; hits come back for a second round (返场).
 */

export interface Segment {
  /** SKU on screen; undefined during the warm-up greeting and the closing. */
  sku: Sku | undefined;
  startOffset: number;
  endOffset: number;
}

export interface Session {
  id: string;
  host: Host;
  day: number;
  startMs: number;
  durationMs: number;
  endMs: number;
  segments: Segment[];
  /**
   * Extra live rooms (live-rooms.ts) are sessions of a host on a day the schedule also knows:
   * their salt keeps their random streams apart from the scheduled session's.
   */
  salt?: number;
  /** Viewers relative to the host's usual room (live rooms scaled up by --rate); default 1. */
  audience?: number;
}

/** The part of a session's random-stream keys that names it: (day, host) plus the salt of a live room. */
export function sessionKey(session: Session): number[] {
  return session.salt === undefined ? [session.day, session.host.no] : [session.day, session.host.no, session.salt];
}

const SLOT_START_MINUTES = {
  morning: [9 * 60, 10 * 60 + 30],
  afternoon: [13 * 60 + 30, 15 * 60 + 30],
  evening: [19 * 60, 21 * 60 + 30],
} as const;

/** The host's session on `day`, or undefined on a day off. Pure function of (seed, host, day). */
export function sessionOf(world: World, host: Host, day: number): Session | undefined {
  const rng = new Rng(hashInts(world.seedHash, 0x5c4e, day, host.no));
  if (!rng.chance(host.liveProbability)) return undefined;
  const [earliest, latest] = SLOT_START_MINUTES[host.slot];
  const startMinute = earliest + 5 * rng.int(0, (latest - earliest) / 5);
  const durationMs = (120 + 5 * rng.int(0, 24)) * MINUTE;
  const startMs = chinaDayStart(day) + startMinute * MINUTE;
  return {
    id: `LS${world.tag}${ymd(day)}${String(host.no).padStart(3, '0')}`,
    host,
    day,
    startMs,
    durationMs,
    endMs: startMs + durationMs,
    segments: lineUp(rng, world.skusByShop.get(host.shop.id) ?? [], durationMs),
  };
}

export function lineUp(rng: Rng, catalog: readonly Sku[], durationMs: number): Segment[] {
  const segments: Segment[] = [];
  const intro = rng.between(3, 8) * MINUTE;
  const outroStart = durationMs - rng.between(3, 6) * MINUTE;
  segments.push({ sku: undefined, startOffset: 0, endOffset: intro });
  const shownAt = new Map<string, number>();
  let offset = intro;
  while (offset < outroStart - 4 * MINUTE && catalog.length > 0) {
    const sku = pickNext(rng, catalog, shownAt, segments.length);
    const length = Math.min(rng.between(6, 15) * MINUTE, outroStart - offset);
    segments.push({ sku, startOffset: offset, endOffset: offset + length });
    shownAt.set(sku.id, segments.length);
    offset += length;
  }
  segments.push({ sku: undefined, startOffset: offset, endOffset: durationMs });
  return segments;
}

/** Appeal-weighted choice; a SKU shown in the last few segments is not shown again yet. */
function pickNext(rng: Rng, catalog: readonly Sku[], shownAt: Map<string, number>, position: number): Sku {
  let total = 0;
  const weights = catalog.map((sku) => {
    const last = shownAt.get(sku.id);
    const weight = last === undefined ? sku.appeal : position - last >= 4 ? sku.appeal * 0.35 : 0;
    total += weight;
    return weight;
  });
  if (total <= 0) return rng.pick(catalog);
  let target = rng.next() * total;
  for (let i = 0; i < catalog.length; i++) {
    target -= weights[i] as number;
    if (target < 0) return catalog[i] as Sku;
  }
  return catalog[catalog.length - 1] as Sku;
}

/** Every session that starts on `day`, in host order. */
export function sessionsOfDay(world: World, day: number): Session[] {
  const out: Session[] = [];
  for (const host of world.hosts) {
    const session = sessionOf(world, host, day);
    if (session) out.push(session);
  }
  return out;
}

/** The segment on screen at `offset` ms into the session (segments are contiguous and sorted). */
export function segmentAt(session: Session, offset: number): Segment {
  const segments = session.segments;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((segments[mid] as Segment).startOffset <= offset) lo = mid;
    else hi = mid - 1;
  }
  return segments[lo] as Segment;
}

/** Hours are handy in incident planning. */
export const SESSION_MAX_MS = 4 * HOUR;
