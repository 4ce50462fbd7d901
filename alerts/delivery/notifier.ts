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
import type { GroupStore } from '../store/group-store.ts';
import { grouperOf } from '../grouping.ts';
import type { AlertEvent, Clock, GroupNotification, GroupRef, Transition } from '../types.ts';
import { groupNotificationJson, groupViewFor } from './group-json.ts';
import { sendWithRetry, type RetryPolicy, type SenderDeps } from './http-sender.ts';
import { TRANSPORTS, type Rendered } from './transports/index.ts';
import { dashboardPath } from '../rules/rule-kit.ts';

export const DEFAULT_NOTIFY_ON: readonly Transition[] = ['firing', 'repeat', 'resolved'];
const NOTIFIABLE: readonly Transition[] = ['firing', 'repeat', 'resolved', 'acknowledged'];
const MAX_ROUNDS = 3;

export interface NotifierOptions {
  config: RuleConfig;
  silences: Silences;
  deliveries: DeliveryStore;
  events: EventStore;
  /** Group notifications (grouped channels); without it only ungrouped channels are served. */
  groups?: GroupStore;
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
 * Webhook delivery. A grouped channel (the default) gets group notifications (grouper.ts): the
 * members it may see, when one of them changed the way it asked for. An ungrouped channel
 * (`grouped: false`) gets every notifiable transition of every alert whose rule names its
 * audience and whose labels its matchers hold. Either way once per idempotency key (see
 * fingerprint.ts: transition or group notification + channel). Silences are checked at send time. The engine hands new transitions over directly; `sweep()` (on start and every
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

  /** Queues delivery of these transitions to ungrouped channels; returns at once (see drain). */
  deliver(events: readonly AlertEvent[]): void {
    // One chain per alert keeps order: a firing still being retried is not overtaken by its resolve.
    for (const e of events) if (NOTIFIABLE.includes(e.transition)) this.chain(e.fingerprint, e.eventId, () => this.deliverOne(e));
  }

  /** Queues delivery of group notifications to grouped channels (one chain per group). */
  deliverGroups(notifications: readonly GroupNotification[]): void {
    for (const n of notifications) this.chain(`group:${n.key}`, n.id, () => this.deliverGroup(n));
  }

  private chain(key: string, what: string, work: () => Promise<void>): void {
    const next = (this.chains.get(key) ?? Promise.resolve()).then(work).catch((err: unknown) => {
      this.opts.log?.error({ err, event: what }, 'alert delivery failed');
    });
    this.chains.set(key, next);
    void next.then(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  /** Resolves when everything queued so far has been delivered or given up on. */
  async drain(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  /** Delivers stored transitions of the recent past that have not been delivered yet. */
  async sweep(): Promise<number> {
    const now = this.opts.clock.now();
    const from = now - (this.opts.redeliverWindowMs ?? 6 * 3_600_000);
    const events = await this.opts.events.between(from, now + 60_000, NOTIFIABLE);
    this.deliver(events);
    const groups = (await this.opts.groups?.between(from, now + 60_000)) ?? [];
    this.deliverGroups(groups);
    return events.length + groups.length;
  }

  private async deliverOne(e: AlertEvent): Promise<void> {
    const { config } = await this.opts.config.effective();
    const group = grouperOf(config.rules)(e);
    const targets = config.channels.filter((c) => wants(c, e)).map((channel) => ({ channel, key: idempotencyKeyOf(e.eventId, channel.id), send: (key: string) => this.send(e, group, channel, key) }));
    await this.deliverTo(targets);
  }

  private async deliverGroup(n: GroupNotification): Promise<void> {
    const { config } = await this.opts.config.effective();
    const targets = config.channels.flatMap((channel) => {
      if (!channel.enabled || channel.grouped === false || !n.audiences.includes(channel.audience)) return [];
      const matches = (labels: Record<string, string>) => matchesAll(channel.match ?? [], matchLabels({ rule: n.rule, severity: n.severity, labels }));
      const view = groupViewFor(n, (m) => matches(m.labels), channel.notifyOn ?? DEFAULT_NOTIFY_ON);
      return view ? [{ channel, key: idempotencyKeyOf(n.id, channel.id), send: (key: string) => this.sendGroup(view, channel, key) }] : [];
    });
    await this.deliverTo(targets);
  }

  /** Each target once: skips keys done here or in alert_deliveries, counts failed rounds. */
  private async deliverTo(targets: Array<{ channel: Channel; key: string; send: (key: string) => Promise<boolean> }>): Promise<void> {
    const keyed = targets.filter((t) => !this.done.has(t.key) && !this.inFlight.has(t.key) && (this.failures.get(t.key) ?? 0) < MAX_ROUNDS);
    if (keyed.length === 0) return;
    const stored = await this.opts.deliveries.done(keyed.map((t) => t.key));
    for (const { key, send } of keyed) {
      if (stored.has(key)) {
        this.done.add(key);
        continue;
      }
      this.inFlight.add(key);
      try {
        if (await send(key)) this.done.add(key);
        else this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
      } finally {
        this.inFlight.delete(key);
      }
    }
    if (this.done.size > 100_000) this.done.clear();
    if (this.failures.size > 10_000) this.failures.clear();
  }

  /** True when the key is done (delivered or deliberately silenced). */
  private async send(e: AlertEvent, group: GroupRef, channel: Channel, key: string): Promise<boolean> {
    const now = this.opts.clock.now();
    const labels = matchLabels(e);
    const silenced = e.silencedBy.length > 0 ? e.silencedBy : silencedBy(await this.opts.silences.active(), labels, now);
    const base = { idempotencyKey: key, eventId: e.eventId, fingerprint: e.fingerprint, channel: channel.id, transition: e.transition };
    if (silenced.length > 0) return this.recordSilenced(base, silenced, now);
    const transport = this.transportOf(channel);
    const prefix = this.prefix();
    const rendered = transport.render({
      idempotencyKey: key,
      event: { ...eventJson(e), group },
      channel,
      links: {
        dashboard: `${prefix}${e.evidence.drilldown.dashboard}`,
        api: e.evidence.drilldown.api ? `${prefix}${e.evidence.drilldown.api}` : null,
        alert: `${prefix}/v1/alerts/${e.fingerprint}`,
      },
    });
    return this.post(rendered, channel, base);
  }

  /** A group view for one channel; members silenced since the flush are left out at send time. */
  private async sendGroup(n: GroupNotification, channel: Channel, key: string): Promise<boolean> {
    const now = this.opts.clock.now();
    const active = await this.opts.silences.active();
    const members = n.members.filter((m) => silencedBy(active, matchLabels({ rule: n.rule, severity: n.severity, labels: m.labels }), now).length === 0);
    const base = { idempotencyKey: key, eventId: n.id, fingerprint: n.key, channel: channel.id, transition: `group_${n.kind}` };
    if (members.length === 0) return this.recordSilenced(base, ['all members'], now);
    const prefix = this.prefix();
    const rendered = this.transportOf(channel).renderGroup({
      idempotencyKey: key,
      notification: groupNotificationJson({ ...n, members }),
      channel,
      links: { dashboard: `${prefix}${dashboardPath('alerts', { group: n.key })}`, api: `${prefix}/v1/alerts/groups?rule=${encodeURIComponent(n.rule)}` },
    });
    return this.post(rendered, channel, base);
  }

  private transportOf(channel: Channel) {
    const transport = TRANSPORTS.get(channel.type);
    if (!transport) throw new Error(`channel ${channel.id}: unknown transport ${channel.type}`);
    return transport;
  }

  private prefix(): string {
    return this.opts.publicUrl?.replace(/\/$/, '') ?? '';
  }

  private async recordSilenced(base: DeliveryBase, silenced: string[], now: number): Promise<true> {
    await this.opts.deliveries.record({ ...base, status: 'silenced', attempts: 0, httpStatus: 0, error: `silenced by ${silenced.join(',')}`, at: now });
    deliveriesTotal.inc({ channel: base.channel, status: 'silenced' });
    return true;
  }

  private async post(rendered: Rendered, channel: Channel, base: DeliveryBase): Promise<boolean> {
    rendered.headers = { ...rendered.headers, ...(channel.headers ?? {}) };
    const result = await sendWithRetry(channel.url, rendered, this.opts.retry, this.opts.sender);
    const status = result.ok ? 'delivered' : 'failed';
    await this.opts.deliveries.record({ ...base, status, attempts: result.attempts, httpStatus: result.status, error: result.error, at: this.opts.clock.now() });
    deliveriesTotal.inc({ channel: channel.id, status });
    if (!result.ok) this.opts.log?.warn({ channel: channel.id, event: base.eventId, attempts: result.attempts, error: result.error }, 'webhook delivery failed; the sweep retries it later');
    else this.opts.log?.debug({ channel: channel.id, event: base.eventId, attempts: result.attempts }, 'webhook delivered');
    return result.ok;
  }
}

interface DeliveryBase {
  idempotencyKey: string;
  eventId: string;
  fingerprint: string;
  channel: string;
  transition: string;
}

function wants(channel: Channel, e: AlertEvent): boolean {
  if (!channel.enabled || channel.grouped !== false || !e.audiences.includes(channel.audience)) return false;
  if (!(channel.notifyOn ?? DEFAULT_NOTIFY_ON).includes(e.transition as 'firing')) return false;
  return matchesAll(channel.match ?? [], matchLabels(e));
}
