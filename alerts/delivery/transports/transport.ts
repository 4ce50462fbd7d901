import type { AlertEventJson } from '../../present.ts';
import type { Channel } from '../../rule-schema.ts';

/** What a transport turns into an HTTP request body: one transition for one channel. */
export interface Notification {
  idempotencyKey: string;
  event: AlertEventJson;
  channel: Pick<Channel, 'id' | 'type' | 'audience'>;
  /** Absolute links when RADAR_PUBLIC_URL is set, else the paths. */
  links: { dashboard: string; api: string | null; alert: string };
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
