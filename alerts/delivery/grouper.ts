import type { Logger } from '../../observability/logger.ts';
import { groupNotificationsTotal } from '../alert-metrics.ts';
import { GROUP_DEFAULTS, groupOf, groupPolicyOf } from '../grouping.ts';
import { matchLabels } from '../lifecycle.ts';
import type { RuleConfig } from '../rule-config.ts';
import { silencedBy, type Silences } from '../silences.ts';
import type { GroupStore } from '../store/group-store.ts';
import type { AlertView, StateStore } from '../store/state-store.ts';
import type { Clock, GroupNotification, GroupState, Labels } from '../types.ts';
import { planGroup } from './group-plan.ts';

export interface GrouperOptions {
  config: RuleConfig;
  states: Pick<StateStore, 'list'>;
  silences: Silences;
  groups: GroupStore;
  clock: Clock;
  /** Gets every notification once it is stored (the notifier's webhooks). */
  deliver?: (notifications: GroupNotification[]) => void;
  log?: Logger;
  /** Most firing alerts read per flush. */
  maxAlerts?: number;
}

const ALL = { role: 'ops' } as const;

/**
 * Turns the alerts in force into group notifications (Alertmanager's aggregation groups). Runs
 * in the engine role only, on a short timer (runtime.ts) and by hand in tests. Each flush reads
 * the current firing / acknowledged alerts and what each group's last notification listed,
 * asks group-plan.ts which groups are due, and stores the notifications (the log that SSE feeds
 * tail) before the groups' new state — a crash in between re-creates the same notification id,
 * which the table and every reader dedupe — and only then hands them to webhook delivery.
 */
export class Grouper {
  private running: Promise<GroupNotification[]> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: GrouperOptions) {}

  start(tickMs: number): void {
    this.timer = setInterval(() => {
      this.flush().catch((err: unknown) => this.opts.log?.error({ err }, 'alert grouping flush failed'));
    }, tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One flush at a time: two overlapping flushes would both see a group as due. */
  flush(): Promise<GroupNotification[]> {
    this.running ??= this.flushOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  private async flushOnce(): Promise<GroupNotification[]> {
    const now = this.opts.clock.now();
    const rules = new Map((await this.opts.config.rules()).map((r) => [r.id, r]));
    const silences = await this.opts.silences.active();
    const open = await this.opts.states.list({ states: ['firing', 'acknowledged'], limit: this.opts.maxAlerts ?? 10_000 }, ALL);
    const unsilenced = open.filter((a) => silencedBy(silences, matchLabels(a), now).length === 0);

    const groups = new Map<string, { rule: string; labels: Labels; current: AlertView[] }>();
    for (const a of unsilenced) {
      const ref = groupOf(a.rule, rules.get(a.rule)?.groupBy ?? GROUP_DEFAULTS.groupBy, a.labels);
      const g = groups.get(ref.key) ?? { rule: a.rule, labels: ref.labels, current: [] };
      g.current.push(a);
      groups.set(ref.key, g);
    }
    const states = new Map((await this.opts.groups.states([...groups.keys()])).map((s) => [s.key, s]));

    // Members of earlier notifications that are not current any more: read how they ended.
    const currentFps = new Set(unsilenced.map((a) => a.fingerprint));
    const goneFps = [...new Set([...states.values()].flatMap((s) => Object.keys(s.members)).filter((fp) => !currentFps.has(fp)))];
    const gone = new Map<string, AlertView>();
    if (goneFps.length > 0) {
      for (const a of await this.opts.states.list({ fingerprints: goneFps, limit: goneFps.length }, ALL)) {
        // A resolved member that is silenced now is dropped quietly, like a silenced firing one.
        if (silencedBy(silences, matchLabels(a), now).length === 0) gone.set(a.fingerprint, a);
      }
    }

    const notifications: GroupNotification[] = [];
    const nextStates: GroupState[] = [];
    for (const key of new Set([...groups.keys(), ...states.keys()])) {
      const g = groups.get(key);
      const state = states.get(key);
      const ruleId = g?.rule ?? state!.rule;
      const rule = rules.get(ruleId);
      // Title, severity, audiences: the rule's; for a rule removed since, its alerts' own.
      const sample = g?.current[0] ?? [...gone.values()].find((a) => state !== undefined && a.fingerprint in state.members);
      const plan = planGroup({
        policy: groupPolicyOf(rule ?? { id: ruleId, repeatIntervalMinutes: 0 }),
        group: {
          key,
          labels: g?.labels ?? state!.labels,
          title: rule?.title ?? sample?.title ?? ruleId,
          severity: rule?.severity ?? sample?.severity ?? 'warning',
          audiences: rule?.audiences ?? sample?.audiences ?? ['ops'],
        },
        state,
        current: g?.current ?? [],
        gone,
        now,
      });
      if (!plan.send) continue;
      notifications.push(plan.notification);
      nextStates.push(plan.state);
    }
    if (notifications.length === 0) return [];
    await this.opts.groups.append(notifications);
    await this.opts.groups.writeStates(nextStates);
    for (const n of notifications) groupNotificationsTotal.inc({ rule: n.rule, kind: n.kind });
    this.opts.log?.debug({ notifications: notifications.map((n) => ({ rule: n.rule, kind: n.kind, members: n.members.length })) }, 'alert groups notified');
    this.opts.deliver?.(notifications);
    return notifications;
  }
}
