import type { Logger } from '../../observability/logger.ts';
import { deliveriesTotal } from '../alert-metrics.ts';
import { idempotencyKeyOf } from '../fingerprint.ts';
import { matchLabels } from '../lifecycle.ts';
import { eventJson } from '../present.ts';
import type { RuleConfig } from '../rule-config.ts';
import type { Channel } from '../rule-schema.ts';
import { matchesAll, silencedBy, type Silences } from '../silences.ts';
import type { DeliveryStore } from '../store/delivery-store.ts';
import type { EventStore } from '../store/event-store.ts';
import type { AlertEvent, Clock, Transition } from '../types.ts';
import { sendWithRetry, type RetryPolicy, type SenderDeps } from './http-sender.ts';
import { TRANSPORTS } from './transports/index.ts';

export const DEFAULT_NOTIFY_ON: readonly Transition[] = ['firing', 'repeat', 'resolved'];
const NOTIFIABLE: readonly Transition[] = ['firing', 'repeat', 'resolved', 'acknowledged'];
const MAX_ROUNDS = 3;

export interface NotifierOptions {
  config: RuleConfig;
  silences: Silences;
  deliveries: DeliveryStore;
  events: EventStore;
  clock: Clock;
  retry: RetryPolicy;
  sender: SenderDeps;
  log?: Logger;
  /** Prefix of links in messages (RADAR_PUBLIC_URL); paths alone without it. */
  publicUrl?: string;
  /** How far back the sweep looks for transitions not yet delivered (after a restart). */
  redeliverWindowMs?: number;
}

/**
 * Webhook delivery: every notifiable transition to every channel whose audience the rule names
 * and whose matchers hold, once per idempotency key (see fingerprint.ts). Silences are checked
 * at send time. The engine hands new transitions over directly; `sweep()` (on start and every
 * minute) also picks up transitions written elsewhere (an ack or resolve through another API
 * process) and any that a crash left undelivered, so a transition is delivered at least once
 * and, thanks to alert_deliveries and the key, a receiver that dedupes sees it exactly once.
 */
export class Notifier {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<string>();
  private readonly done = new Set<string>();
  /** Keys that failed every retry, with how many times; the sweep gives up after MAX_ROUNDS. */
  private readonly failures = new Map<string, number>();

  constructor(private readonly opts: NotifierOptions) {}

  /** Queues delivery of these transitions; returns at once (see drain). */
  deliver(events: readonly AlertEvent[]): void {
    for (const e of events) {
      if (!NOTIFIABLE.includes(e.transition)) continue;
      // One chain per alert keeps order: a firing still being retried is not overtaken by its resolve.
      const key = e.fingerprint;
      const next = (this.chains.get(key) ?? Promise.resolve()).then(() => this.deliverOne(e)).catch((err: unknown) => {
        this.opts.log?.error({ err, event: e.eventId }, 'alert delivery failed');
      });
      this.chains.set(key, next);
      void next.then(() => {
        if (this.chains.get(key) === next) this.chains.delete(key);
      });
    }
  }

  /** Resolves when everything queued so far has been delivered or given up on. */
  async drain(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  /** Delivers stored transitions of the recent past that have not been delivered yet. */
  async sweep(): Promise<number> {
    const now = this.opts.clock.now();
    const events = await this.opts.events.between(now - (this.opts.redeliverWindowMs ?? 6 * 3_600_000), now + 60_000, NOTIFIABLE);
    this.deliver(events);
    return events.length;
  }

  private async deliverOne(e: AlertEvent): Promise<void> {
    const { config } = await this.opts.config.effective();
    const targets = config.channels.filter((c) => wants(c, e));
    if (targets.length === 0) return;
    const keyed = targets.map((channel) => ({ channel, key: idempotencyKeyOf(e.eventId, channel.id) })).filter((t) => !this.done.has(t.key) && !this.inFlight.has(t.key) && (this.failures.get(t.key) ?? 0) < MAX_ROUNDS);
    if (keyed.length === 0) return;
    const stored = await this.opts.deliveries.done(keyed.map((t) => t.key));
    for (const { channel, key } of keyed) {
      if (stored.has(key)) {
        this.done.add(key);
        continue;
      }
      this.inFlight.add(key);
      try {
        if (await this.send(e, channel, key)) this.done.add(key);
        else this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
      } finally {
        this.inFlight.delete(key);
      }
    }
    if (this.done.size > 100_000) this.done.clear();
    if (this.failures.size > 10_000) this.failures.clear();
  }

  /** True when the key is done (delivered or deliberately silenced). */
  private async send(e: AlertEvent, channel: Channel, key: string): Promise<boolean> {
    const now = this.opts.clock.now();
    const labels = matchLabels(e);
    const silenced = e.silencedBy.length > 0 ? e.silencedBy : silencedBy(await this.opts.silences.active(), labels, now);
    const base = { idempotencyKey: key, eventId: e.eventId, fingerprint: e.fingerprint, channel: channel.id, transition: e.transition };
    if (silenced.length > 0) {
      await this.opts.deliveries.record({ ...base, status: 'silenced', attempts: 0, httpStatus: 0, error: `silenced by ${silenced.join(',')}`, at: now });
      deliveriesTotal.inc({ channel: channel.id, status: 'silenced' });
      return true;
    }
    const transport = TRANSPORTS.get(channel.type);
    if (!transport) throw new Error(`channel ${channel.id}: unknown transport ${channel.type}`);
    const json = eventJson(e);
    const prefix = this.opts.publicUrl?.replace(/\/$/, '') ?? '';
    const rendered = transport.render({
      idempotencyKey: key,
      event: json,
      channel,
      links: {
        dashboard: `${prefix}${e.evidence.drilldown.dashboard}`,
        api: e.evidence.drilldown.api ? `${prefix}${e.evidence.drilldown.api}` : null,
        alert: `${prefix}/v1/alerts/${e.fingerprint}`,
      },
    });
    rendered.headers = { ...rendered.headers, ...(channel.headers ?? {}) };
    const result = await sendWithRetry(channel.url, rendered, this.opts.retry, this.opts.sender);
    const status = result.ok ? 'delivered' : 'failed';
    await this.opts.deliveries.record({ ...base, status, attempts: result.attempts, httpStatus: result.status, error: result.error, at: this.opts.clock.now() });
    deliveriesTotal.inc({ channel: channel.id, status });
    if (!result.ok) this.opts.log?.warn({ channel: channel.id, event: e.eventId, attempts: result.attempts, error: result.error }, 'webhook delivery failed; the sweep retries it later');
    else this.opts.log?.debug({ channel: channel.id, event: e.eventId, attempts: result.attempts }, 'webhook delivered');
    return result.ok;
  }
}

function wants(channel: Channel, e: AlertEvent): boolean {
  if (!channel.enabled || !e.audiences.includes(channel.audience)) return false;
  if (!(channel.notifyOn ?? DEFAULT_NOTIFY_ON).includes(e.transition as 'firing')) return false;
  return matchesAll(channel.match ?? [], matchLabels(e));
}
