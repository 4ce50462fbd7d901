import type { ClickHouseClient } from '../../warehouse/client.ts';
import type { Audience, GroupMember, GroupNotification, GroupState, Labels, Severity } from '../types.ts';
import { chTime, fromChTime, insertRows, nextVersion, nullableTime, sqlRows } from './ch.ts';

interface StateRow {
  key: string;
  rule: string;
  labels: Labels;
  seq: number;
  last_notified_at: string | null;
  members: string;
}

interface NotificationRow {
  notification_id: string;
  group_key: string;
  rule: string;
  labels: Labels;
  seq: number;
  kind: string;
  at: string;
  title: string;
  severity: string;
  audiences: string[];
  members: string;
  recorded_at: string;
}

/** Members as stored: times as ms, everything else as in GroupMember. */
function fromNotificationRow(r: NotificationRow): GroupNotification {
  return {
    id: r.notification_id,
    key: r.group_key,
    rule: r.rule,
    labels: r.labels,
    seq: Number(r.seq),
    kind: r.kind as GroupNotification['kind'],
    at: fromChTime(r.at),
    title: r.title,
    severity: r.severity as Severity,
    audiences: r.audiences as Audience[],
    members: JSON.parse(r.members) as GroupMember[],
    recordedAt: r.recorded_at,
  };
}

/** alert_groups (the grouper's memory, engine only) and alert_group_notifications (the log). */
export class GroupStore {
  constructor(private readonly client: ClickHouseClient) {}

  async states(keys: string[]): Promise<GroupState[]> {
    const rows = await sqlRows<StateRow>(this.client, 'group_states', { keys });
    return rows.map((r) => ({
      key: r.key,
      rule: r.rule,
      labels: r.labels,
      seq: Number(r.seq),
      lastNotifiedAt: nullableTime(r.last_notified_at),
      members: JSON.parse(r.members) as GroupState['members'],
    }));
  }

  async writeStates(states: GroupState[]): Promise<void> {
    await insertRows(
      this.client,
      'alert_groups',
      states.map((s) => ({
        key: s.key,
        rule: s.rule,
        labels: s.labels,
        seq: s.seq,
        last_notified_at: s.lastNotifiedAt === null ? null : new Date(s.lastNotifiedAt).toISOString(),
        members: JSON.stringify(s.members),
        version: nextVersion(),
      })),
    );
  }

  async append(notifications: GroupNotification[]): Promise<void> {
    await insertRows(
      this.client,
      'alert_group_notifications',
      notifications.map((n) => ({
        notification_id: n.id,
        group_key: n.key,
        rule: n.rule,
        labels: n.labels,
        seq: n.seq,
        kind: n.kind,
        at: new Date(n.at).toISOString(),
        title: n.title,
        severity: n.severity,
        audiences: n.audiences,
        members: JSON.stringify(n.members),
      })),
    );
  }

  /** Notifications stored after `after` (a recorded_at value, µs), oldest first. */
  async since(after: string, limit = 1000): Promise<GroupNotification[]> {
    return (await sqlRows<NotificationRow>(this.client, 'group_notifications_since', { after, limit })).map(fromNotificationRow);
  }

  async between(from: number, to: number, limit = 10_000): Promise<GroupNotification[]> {
    return (await sqlRows<NotificationRow>(this.client, 'group_notifications_between', { from: chTime(from), to: chTime(to), limit })).map(fromNotificationRow);
  }
}
