import type { Logger } from '../observability/logger.ts';
import type { EventStore } from './store/event-store.ts';
import type { AlertEvent } from './types.ts';

/**
 * Every API process's view of alert transitions, for its SSE clients.
 *
 * How several API processes all get every alert: there is no broker between the engine and the
 * API — alert_events in ClickHouse is the log. Each process tails it by `recorded_at` (the
 * server's insert time) with its own in-memory cursor and fans new rows out to its own
 * subscribers, so N processes see the same stream whichever process (engine or API) wrote a
 * transition. Rows of an insert that was in flight when the cursor moved can become visible
 * with a slightly older recorded_at, so each poll re-reads an overlap (default 5 s) behind the
 * cursor and drops event ids already sent; the same id set absorbs a transition written twice.
 */

export type FeedListener = (e: AlertEvent) => void;

/** A recorded_at value ('YYYY-MM-DD hh:mm:ss.ffffff', UTC) ↔ µs since the epoch. */
export function microsOf(recordedAt: string): number {
  const [whole, frac = ''] = recordedAt.split('.');
  return Date.parse(`${whole!.replace(' ', 'T')}Z`) * 1000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

export function recordedAtOf(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const base = new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
  return `${base}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

/** The SSE id of an event: its cursor position and id, so a reconnect can resume after it. */
export function streamIdOf(e: AlertEvent): string {
  return `${e.recordedAt ? microsOf(e.recordedAt) : 0}-${e.eventId}`;
}

export function parseStreamId(id: string | undefined): { micros: number; eventId: string } | undefined {
  const m = /^(\d{1,17})-([0-9a-f]{1,64})$/.exec(id ?? '');
  return m ? { micros: Number(m[1]), eventId: m[2]! } : undefined;
}

export class AlertFeed {
  private readonly listeners = new Set<FeedListener>();
  private cursor = 0;
  /** event id → recorded µs, for ids inside the overlap window. */
  private readonly seen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<number> | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly options: { pollMs?: number; overlapMs?: number; log?: Logger } = {},
  ) {}

  /** Starts tailing from "now" on the server's clock; `autoPoll: false` leaves polling to the caller (tests). */
  async start(autoPoll = true): Promise<void> {
    this.cursor = microsOf(await this.events.serverNow());
    // What is already inside the overlap window was stored before this feed existed: not news.
    const overlap = (this.options.overlapMs ?? 5_000) * 1000;
    for (const e of await this.events.since(recordedAtOf(Math.max(0, this.cursor - overlap)), 5_000)) {
      this.seen.set(e.eventId, e.recordedAt ? microsOf(e.recordedAt) : this.cursor);
    }
    if (!autoPoll) return;
    this.timer = setInterval(() => {
      this.poll().catch((err: unknown) => this.options.log?.warn({ err }, 'alert feed poll failed'));
    }, this.options.pollMs ?? 1_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  subscribe(fn: FeedListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  /** Reads what was stored since the last poll and hands it to every subscriber. */
  poll(): Promise<number> {
    // One poll at a time: a slow query must not let two polls hand out the same rows.
    this.polling ??= this.pollOnce().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  /** Stored events after a client's last seen stream id (for SSE reconnects), oldest first. */
  async replay(after: { micros: number; eventId: string }, limit = 500): Promise<AlertEvent[]> {
    const rows = await this.events.since(recordedAtOf(Math.max(0, after.micros - 1)), limit);
    return rows.filter((e) => e.eventId !== after.eventId);
  }

  private async pollOnce(): Promise<number> {
    const overlap = (this.options.overlapMs ?? 5_000) * 1000;
    const rows = await this.events.since(recordedAtOf(Math.max(0, this.cursor - overlap)), 5_000);
    let sent = 0;
    for (const e of rows) {
      const micros = e.recordedAt ? microsOf(e.recordedAt) : this.cursor;
      if (this.seen.has(e.eventId)) continue;
      this.seen.set(e.eventId, micros);
      if (micros > this.cursor) this.cursor = micros;
      sent++;
      for (const fn of this.listeners) {
        try {
          fn(e);
        } catch (err) {
          this.options.log?.warn({ err }, 'alert feed subscriber failed');
        }
      }
    }
    for (const [id, micros] of this.seen) if (micros < this.cursor - 2 * overlap) this.seen.delete(id);
    return sent;
  }
}
