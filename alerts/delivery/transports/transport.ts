import type { AlertEventJson } from '../../present.ts';
import type { Channel } from '../../rule-schema.ts';
import type { GroupRef } from '../../types.ts';
import type { GroupNotificationJson } from '../group-json.ts';

/** What a transport turns into an HTTP request body: one transition for one channel. */
export interface Notification {
  idempotencyKey: string;
  /** The transition as in the API, with the alert's group (as every alert in the API). */
  event: AlertEventJson & { group: GroupRef };
  channel: Pick<Channel, 'id' | 'type' | 'audience'>;
  /** Absolute links when RADAR_PUBLIC_URL is set, else the paths. */
  links: { dashboard: string; api: string | null; alert: string };
}

/** One group notification for one channel (members already filtered to the channel). */
export interface GroupMessage {
  idempotencyKey: string;
  notification: GroupNotificationJson;
  channel: Pick<Channel, 'id' | 'type' | 'audience'>;
  links: { dashboard: string; api: string };
}

export interface Rendered {
  body: string;
  headers: Record<string, string>;
}

/**
 * One chat or webhook format. A new one (WeCom, Teams…) is one file exporting a Transport,
 * added to the registry in index.ts; retries, timeouts and idempotency are the sender's job.
 */
export interface Transport {
  type: string;
  render(n: Notification): Rendered;
  renderGroup(n: GroupMessage): Rendered;
}

export const STATUS_ZH: Record<string, string> = {
  pending: '待确认',
  firing: '告警',
  repeat: '仍在告警',
  acknowledged: '已认领',
  resolved: '已恢复',
  inactive: '已取消',
};

/** Plain text most chat formats can carry. */
export function plainText(n: Notification): string {
  const e = n.event;
  const lines = [
    `【${STATUS_ZH[e.transition] ?? e.transition}】${e.title}`,
    e.evidence.summary,
    `建议：${e.evidence.action}`,
    `窗口：${e.evidence.window.from} — ${e.evidence.window.to}`,
    `查看：${n.links.dashboard}`,
  ];
  return lines.join('\n');
}

/** Members listed in a chat message; the rest are counted (the webhook JSON lists all). */
const CHAT_MEMBERS = 10;
const CHANGE_ZH: Record<string, string> = { firing: '新', acknowledged: '已认领', resolved: '已恢复' };

export function groupTitle(n: GroupMessage): string {
  const g = n.notification;
  const status = g.status === 'resolved' ? '已恢复' : g.kind === 'repeat' ? '仍在告警' : g.kind === 'update' ? '告警更新' : '告警';
  const labels = Object.entries(g.group.labels).map(([k, v]) => `${k}=${v}`).join(', ');
  return `【${status}】${g.title} ×${g.members.length}${labels ? `（${labels}）` : ''}`;
}

/** Plain-text lines of a group notification: a count line, then up to CHAT_MEMBERS members. */
export function groupLines(n: GroupMessage): string[] {
  const g = n.notification;
  const lines = [`告警中 ${g.counts.firing} · 已认领 ${g.counts.acknowledged} · 已恢复 ${g.counts.resolved}`];
  for (const m of g.members.slice(0, CHAT_MEMBERS)) {
    lines.push(`- ${m.change ? `[${CHANGE_ZH[m.change] ?? m.change}] ` : ''}${m.summary}`);
  }
  if (g.members.length > CHAT_MEMBERS) lines.push(`…另有 ${g.members.length - CHAT_MEMBERS} 条`);
  return lines;
}

export function groupPlainText(n: GroupMessage): string {
  return [groupTitle(n), ...groupLines(n), `查看：${n.links.dashboard}`].join('\n');
}
