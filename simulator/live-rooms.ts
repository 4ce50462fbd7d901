import { processOrder } from './day.ts';
import { Emitter, type SimRecord } from './emitter.ts';
import type { IncidentPlan } from './incidents.ts';
import { sessionOrders } from './orders.ts';
import { Rng, hashInts } from './prng.ts';
import { RecordHeap } from './record-heap.ts';
import { lineUp, sessionOf, type Session } from './schedule.ts';
import { commentsPerMinute, sessionTranscript } from './speech.ts';
import { HOUR, MINUTE, chinaDay, ymd } from './time.ts';
import type { Host, World } from './world.ts';

/**
 * Live traffic at the wall clock's own speed. The live phase must look like the backfill to every
 * rule that watches a session (comments, speech and orders per minute), so it does not run
 * simulated time faster; instead `--rate` sets how many rooms are live at once, and — once every
 * host is live — how many viewers they have. Each room is an ordinary session of one of the
 * world's hosts (the same line-up, speech, comment and order generators as the backfill), started
 * when that host has no scheduled session, back to back with a short break, so a host is never in
 * two rooms at once. The first rooms start part-way through, so the rate holds from the first
 * second.
 */

export interface LiveRoomsPlan {
  /** Rooms live at once. */
  rooms: number;
  /** Viewers relative to each host's usual room (1 = as in the backfill). */
  audience: number;
  /** Events per second the rooms are expected to send while live (speech, comments, orders). */
  expectedPerSecond: number;
  /** The rate asked for; above what rooms × MAX_AUDIENCE give, the plan is capped (and says so). */
  requestedPerSecond: number;
}

/** Beyond this many times a host's usual audience a room is not that host's room any more. */
export const MAX_AUDIENCE = 50;
/** Host and assistant lines: one every 6–16 s. */
const SPEECH_PER_SECOND = 1 / 11;
/** Orders while live, per room (~0.8 a minute for an average host and line-up). */
const ORDERS_PER_SECOND = 0.8 / 60;

function meanCommentsPerSecond(world: World): number {
  let sum = 0;
  for (const host of world.hosts) sum += commentsPerMinute({ host }) / 60;
  return sum / Math.max(1, world.hosts.length);
}

/** Rooms and audience for `rate` events/s: rooms first (up to one per host), then viewers. */
export function planLiveRooms(world: World, rate: number): LiveRoomsPlan {
  const comments = meanCommentsPerSecond(world);
  const perRoom = SPEECH_PER_SECOND + ORDERS_PER_SECOND + comments;
  // Some hosts are in their scheduled session at any time: keep a quarter of them free.
  const maxRooms = Math.max(1, Math.floor(world.hosts.length * 0.75));
  const rooms = Math.max(1, Math.min(maxRooms, Math.ceil(rate / perRoom)));
  const fixed = rooms * (SPEECH_PER_SECOND + ORDERS_PER_SECOND);
  const audience = Math.min(MAX_AUDIENCE, Math.max(1, (rate - fixed) / (rooms * comments)));
  return { rooms, audience, expectedPerSecond: fixed + rooms * comments * audience, requestedPerSecond: rate };
}

/** The host's scheduled sessions of `day` and the day before (a late session runs past midnight). */
function scheduledAround(world: World, host: Host, t: number): Session[] {
  const day = chinaDay(t);
  return [sessionOf(world, host, day - 1), sessionOf(world, host, day), sessionOf(world, host, day + 1)].filter((s): s is Session => s !== undefined);
}

/**
 * Every event of the live rooms from `fromMs` on, in emission order (endless). Rooms use the
 * simulation's incident plan, so an incident in force (a SKU's quality problem, a shop not
 * answering refunds) holds for live orders too; no incident targets a live room itself.
 */
export function* liveRoomEvents(world: World, plan: IncidentPlan, fromMs: number, rooms: LiveRoomsPlan): Generator<SimRecord, void, undefined> {
  const heap = new RecordHeap<SimRecord>();
  const emitter = new Emitter(fromMs, Infinity, world.seedHash, heap);
  const rng = new Rng(hashInts(world.seedHash, 0x11fe, Math.floor(fromMs / MINUTE)));
  const busyUntil = new Map<Host, number>();
  // Slot i's next room start; the first rooms began up to two hours ago.
  const slots: number[] = Array.from({ length: rooms.rooms }, () => fromMs - Math.floor(rng.between(0, 2 * HOUR)));
  let serial = 0;
  let hostCursor = rng.int(0, world.hosts.length - 1);

  const openRoom = (slot: number, start: number): void => {
    let durationMs = (120 + 5 * rng.int(0, 24)) * MINUTE;
    let host: Host | undefined;
    for (let tries = 0; tries < world.hosts.length && host === undefined; tries++) {
      const candidate = world.hosts[hostCursor++ % world.hosts.length] as Host;
      if ((busyUntil.get(candidate) ?? 0) > start) continue;
      const scheduled = scheduledAround(world, candidate, start);
      if (scheduled.some((s) => s.startMs <= start && s.endMs + 2 * HOUR > start)) continue; // live (or its order tail)
      const next = scheduled.filter((s) => s.startMs > start).sort((a, b) => a.startMs - b.startMs)[0];
      const room = next ? Math.min(durationMs, next.startMs - start - 10 * MINUTE) : durationMs;
      if (room < 45 * MINUTE) continue;
      durationMs = room;
      host = candidate;
    }
    if (host === undefined) {
      slots[slot] = start + 10 * MINUTE; // every host busy: try again later
      return;
    }
    serial++;
    const day = chinaDay(start);
    const session: Session = {
      id: `LS${world.tag}${ymd(day)}${String(host.no).padStart(3, '0')}L${serial}`,
      host,
      day,
      startMs: start,
      durationMs,
      endMs: start + durationMs,
      segments: lineUp(rng, world.skusByShop.get(host.shop.id) ?? [], durationMs),
      salt: 0x11fe0000 + serial,
      audience: rooms.audience,
    };
    // A room that began before fromMs: its earlier orders were never sent, so neither are their refunds and parcels.
    for (const order of sessionOrders(world, session)) if (order.t >= fromMs) processOrder(world, plan, order, undefined, emitter);
    for (const utterance of sessionTranscript(world, session, undefined)) emitter.utterance(session, utterance);
    busyUntil.set(host, session.endMs + 5 * MINUTE);
    slots[slot] = session.endMs + Math.floor(rng.between(5, 15) * MINUTE);
  };

  for (;;) {
    let slot = 0;
    for (let i = 1; i < slots.length; i++) if ((slots[i] as number) < (slots[slot] as number)) slot = i;
    const nextStart = slots[slot] as number;
    while (heap.size > 0 && heap.peekKey() < nextStart) yield heap.pop() as SimRecord;
    openRoom(slot, nextStart);
  }
}
