import { RecentIds } from './recent-ids.ts';
import type { Category, Severity } from '../wording/index.ts';

/** What a host console shows: one risky phrase the host just said, or a flood of viewer questions. */
export type HostReminder =
  | {
      kind: 'wording_hit';
      /** Set when relayed from another process (see kafka-relay.ts). */
      origin?: 'kafka';
      id: string;
      host_id: string;
      shop_id: string;
      live_session_id: string;
      sku_id: string;
      occurred_at: string;
      offset_ms: number;
      speaker: string;
      text: string;
      phrase: string;
      term: string;
      category: Category;
      rule_id: string;
      severity: Severity;
      alternative: string;
      start: number;
      end: number;
      /** When the detector saw it (ms since epoch), for latency measurement. */
      detected_at: number;
    }
  | {
      kind: 'question_spike';
      origin?: 'kafka';
      id: string;
      host_id: string;
      shop_id: string;
      live_session_id: string;
      topic: string;
      count: number;
      baseline_mean: number;
      window_start: string;
      window_end: string;
      detected_at: number;
    };

type Listener = (r: HostReminder) => void;


/**
 * In-process fan-out of host reminders from the stream rules to every connected console.
 *
 * Keeps the last `replay` reminders so a console that reconnects (SSE Last-Event-ID) gets what
 * it missed. Scope is the subscriber's filter: the API subscribes a host's stream with a
 * filter on that host's id, so a host never receives another host's reminder.
 */
export class ReminderBus {
  private readonly listeners = new Set<{ filter: (r: HostReminder) => boolean; fn: Listener }>();
  private readonly recent: HostReminder[] = [];
  private readonly seen = new RecentIds(50_000);

  constructor(private readonly replay = 500) {}

  publish(r: HostReminder): void {
    // The same reminder can arrive twice (own rules + the relay topic, a replayed segment).
    if (!this.seen.firstTime(r.id)) return;
    this.recent.push(r);
    if (this.recent.length > this.replay) this.recent.shift();
    for (const l of this.listeners) {
      if (l.filter(r)) l.fn(r);
    }
  }

  subscribe(filter: (r: HostReminder) => boolean, fn: Listener): () => void {
    const entry = { filter, fn };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  /** Reminders after `lastId` (exclusive) that pass `filter`, oldest first. */
  since(lastId: string | undefined, filter: (r: HostReminder) => boolean): HostReminder[] {
    if (!lastId) return [];
    const at = this.recent.findIndex((r) => r.id === lastId);
    return at === -1 ? [] : this.recent.slice(at + 1).filter(filter);
  }

  /** The last `n` reminders that pass `filter`, oldest first (what a console opened mid-session shows). */
  latest(n: number, filter: (r: HostReminder) => boolean): HostReminder[] {
    const out: HostReminder[] = [];
    for (let i = this.recent.length - 1; i >= 0 && out.length < n; i--) if (filter(this.recent[i]!)) out.push(this.recent[i]!);
    return out.reverse();
  }

  subscriberCount(): number {
    return this.listeners.size;
  }
}
