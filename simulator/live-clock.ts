import type { AnyEvent, LogisticsEvent } from '../contracts/index.ts';
import type { SimRecord } from './emitter.ts';
import { isoCst } from './time.ts';

/**
 * Maps simulated time onto the wall clock during the live phase. Live traffic is paced at a
 * fixed number of events per second, far more than the simulated platform produces in real
 * time, so simulated time runs faster than the wall clock, at a varying speed. The mapping is
 * built as events go out: an event that is the newest so far is stamped "now" and becomes an
 * anchor; an older one (delivered late on purpose) is placed between the anchors around it, so
 * it stays older than what was already sent. Replays therefore get exactly the same timestamps
 * as their originals — a true replay stays byte-identical.
 *
 * Before the live phase started the mapping is the identity: backfilled history is real time.
 */
export class LiveClock {
  private sims: number[];
  private walls: number[];
  private head = 0;
  /** promised_at per parcel, fixed the first time the parcel is seen (scans must agree). */
  private readonly promised = new Map<string, string>();

  constructor(private readonly startMs: number) {
    this.sims = [startMs];
    this.walls = [startMs];
  }

  /** Remembers what a backfilled parcel promised, so its live scans repeat it. */
  observeBackfill(record: SimRecord): void {
    if (record.topic !== 'logistics') return;
    const event = record.event as LogisticsEvent;
    if (Date.parse(event.promised_at) > this.startMs) this.remember(event.shipment_id, event.promised_at);
  }

  /** A copy of the record's event with its times on the wall clock; `nowMs` is when it is sent. */
  retime(record: SimRecord, nowMs: number): AnyEvent {
    const simMs = Date.parse(record.event.occurred_at);
    const wallMs = this.map(simMs, nowMs);
    if (record.topic !== 'logistics') return { ...record.event, occurred_at: isoCst(wallMs) };
    const event = record.event as LogisticsEvent;
    let promised = this.promised.get(event.shipment_id);
    if (promised === undefined) {
      // Keep the promise the same distance ahead in *compressed* time, so a parcel that was late
      // in the simulation is late on the wall clock too.
      const ahead = Date.parse(event.promised_at) - simMs;
      promised = isoCst(Math.round(wallMs + ahead * this.speed()));
      this.remember(event.shipment_id, promised);
    }
    return { ...event, occurred_at: isoCst(wallMs), promised_at: promised };
  }

  /** Wall time for simulated time `simMs`, monotone in `simMs`. */
  map(simMs: number, nowMs: number): number {
    const last = this.sims.length - 1;
    const lastSim = this.sims[last] as number;
    const lastWall = this.walls[last] as number;
    if (simMs > lastSim) {
      const wall = Math.max(Math.floor(nowMs), lastWall);
      this.sims.push(simMs);
      this.walls.push(wall);
      this.prune();
      return wall;
    }
    if (simMs === lastSim) return lastWall;
    if (simMs < this.startMs) return simMs;
    const oldestSim = this.sims[this.head] as number;
    if (simMs <= oldestSim) return (this.walls[this.head] as number) - (oldestSim - simMs);
    // First anchor at or after simMs (there is one: simMs < lastSim).
    let lo = this.head;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sims[mid] as number) < simMs) lo = mid + 1;
      else hi = mid;
    }
    const s1 = this.sims[lo] as number;
    const w1 = this.walls[lo] as number;
    if (s1 === simMs) return w1;
    const s0 = this.sims[lo - 1] as number;
    const w0 = this.walls[lo - 1] as number;
    return Math.round(w0 + ((simMs - s0) * (w1 - w0)) / (s1 - s0));
  }

  /** Wall ms per simulated ms lately (≤ 1: live runs simulated time fast). */
  private speed(): number {
    const last = this.sims.length - 1;
    const from = Math.max(this.head, last - 2000);
    const simSpan = (this.sims[last] as number) - (this.sims[from] as number);
    const wallSpan = (this.walls[last] as number) - (this.walls[from] as number);
    if (simSpan <= 0 || wallSpan <= 0) return 1;
    return Math.min(1, wallSpan / simSpan);
  }

  /** Late deliveries lag by hours of simulated time at most; anchors two days back are enough. */
  private prune(): void {
    const horizon = (this.sims[this.sims.length - 1] as number) - 2 * 86_400_000;
    while (this.head < this.sims.length - 1 && (this.sims[this.head + 1] as number) < horizon) this.head++;
    if (this.head > 100_000) {
      this.sims = this.sims.slice(this.head);
      this.walls = this.walls.slice(this.head);
      this.head = 0;
    }
  }

  private remember(shipmentId: string, promisedAt: string): void {
    this.promised.set(shipmentId, promisedAt);
    // Bounded: parcels are done within days; forget the oldest first (Map keeps insertion order).
    if (this.promised.size > 200_000) {
      const oldest = this.promised.keys().next().value;
      if (oldest !== undefined) this.promised.delete(oldest);
    }
  }
}
