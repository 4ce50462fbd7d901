import type { Logger } from '../observability/logger.ts';
import type { EventStore } from './store/event-store.ts';
import type { GroupStore } from './store/group-store.ts';
import type { AlertEvent, GroupNotification } from './types.ts';

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

/** The SSE id of an event or group notification: its cursor position and id, so a reconnect can resume after it. */
export function streamIdOf(e: AlertEvent | GroupNotification): string {
  return `${e.recordedAt ? microsOf(e.recordedAt) : 0}-${'eventId' in e ? e.eventId : e.id}`;
}

export function parseStreamId(id: string | undefined): { micros: number; eventId: string } | undefined {
  const m = /^(\d{1,17})-([0-9a-f]{1,64})$/.exec(id ?? '');
  return m ? { micros: Number(m[1]), eventId: m[2]! } : undefined;
}

/** A table tailed by recorded_at: alert_events or alert_group_notifications. */
interface TailSource<T> {
  since(after: string, limit: number): Promise<T[]>;
  idOf(row: T): string;
  recordedAtOf(row: T): string | undefined;
}

/** One tailed table: cursor, overlap re-read, seen ids, listeners. */
class Tail<T> {
  readonly listeners = new Set<(row: T) => void>();
  cursor = 0;
  /** row id → recorded µs, for ids inside the overlap window. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly source: TailSource<T>,
    private readonly overlap: number,
    private readonly log?: Logger,
  ) {}

  async start(cursor: number): Promise<void> {
    this.cursor = cursor;
    // What is already inside the overlap window was stored before this feed existed: not news.
    for (const row of await this.source.since(recordedAtOf(Math.max(0, this.cursor - this.overlap)), 5_000)) {
      const at = this.source.recordedAtOf(row);
      this.seen.set(this.source.idOf(row), at ? microsOf(at) : this.cursor);
    }
  }

  async poll(): Promise<number> {
    const rows = await this.source.since(recordedAtOf(Math.max(0, this.cursor - this.overlap)), 5_000);
    let sent = 0;
    for (const row of rows) {
      const at = this.source.recordedAtOf(row);
      const micros = at ? microsOf(at) : this.cursor;
      const id = this.source.idOf(row);
      if (this.seen.has(id)) continue;
      this.seen.set(id, micros);
      if (micros > this.cursor) this.cursor = micros;
      sent++;
      for (const fn of this.listeners) {
        try {
          fn(row);
        } catch (err) {
          this.log?.warn({ err }, 'alert feed subscriber failed');
        }
      }
    }
    for (const [id, micros] of this.seen) if (micros < this.cursor - 2 * this.overlap) this.seen.delete(id);
    return sent;
  }

  /** Stored rows after a client's last seen stream position, oldest first. */
  async replay(after: { micros: number; eventId: string }, limit: number): Promise<T[]> {
    const rows = await this.source.since(recordedAtOf(Math.max(0, after.micros - 1)), limit);
    return rows.filter((r) => this.source.idOf(r) !== after.eventId);
  }
}

export type GroupFeedListener = (n: GroupNotification) => void;

/**
 * Tails both logs: transitions (alert_events, SSE `alert`) and group notifications
 * (alert_group_notifications, SSE `alert_group`). Both carry the server's recorded_at, so one
 * stream id format (µs-id) resumes either.
 */
export class AlertFeed {
  private readonly alerts: Tail<AlertEvent>;
  private readonly groups: Tail<GroupNotification> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<number> | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly options: { pollMs?: number; overlapMs?: number; log?: Logger; groups?: GroupStore } = {},
  ) {
    const overlap = (options.overlapMs ?? 5_000) * 1000;
    this.alerts = new Tail({ since: (a, l) => events.since(a, l), idOf: (e) => e.eventId, recordedAtOf: (e) => e.recordedAt }, overlap, options.log);
    const groups = options.groups;
    this.groups = groups ? new Tail({ since: (a, l) => groups.since(a, l), idOf: (n) => n.id, recordedAtOf: (n) => n.recordedAt }, overlap, options.log) : undefined;
  }

  /** Starts tailing from "now" on the server's clock; `autoPoll: false` leaves polling to the caller (tests). */
  async start(autoPoll = true): Promise<void> {
    const cursor = microsOf(await this.events.serverNow());
    await this.alerts.start(cursor);
    await this.groups?.start(cursor);
    if (!autoPoll) return;
    this.timer = setInterval(() => {
      this.poll().catch((err: unknown) => this.options.log?.warn({ err }, 'alert feed poll failed'));
    }, this.options.pollMs ?? 1_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.alerts.listeners.clear();
    this.groups?.listeners.clear();
  }

  subscribe(fn: FeedListener): () => void {
    this.alerts.listeners.add(fn);
    return () => this.alerts.listeners.delete(fn);
  }

  subscribeGroups(fn: GroupFeedListener): () => void {
    this.groups?.listeners.add(fn);
    return () => this.groups?.listeners.delete(fn);
  }

  get subscribers(): number {
    return this.alerts.listeners.size;
  }

  /** Reads what was stored since the last poll and hands it to every subscriber. */
  poll(): Promise<number> {
    // One poll at a time: a slow query must not let two polls hand out the same rows.
    this.polling ??= (async () => (await this.alerts.poll()) + ((await this.groups?.poll()) ?? 0))().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  /** Stored events after a client's last seen stream id (for SSE reconnects), oldest first. */
  replay(after: { micros: number; eventId: string }, limit = 500): Promise<AlertEvent[]> {
    return this.alerts.replay(after, limit);
  }

  replayGroups(after: { micros: number; eventId: string }, limit = 500): Promise<GroupNotification[]> {
    return this.groups?.replay(after, limit) ?? Promise.resolve([]);
  }
}
