import { dingtalkTransport } from './dingtalk.transport.ts';
import { feishuTransport } from './feishu.transport.ts';
import { slackTransport } from './slack.transport.ts';
import type { Transport } from './transport.ts';
import { webhookTransport } from './webhook.transport.ts';

export type { GroupMessage, Notification, Rendered, Transport } from './transport.ts';

/** Channel type → transport. Adding a format: one file beside this one, one line here. */
export const TRANSPORTS: ReadonlyMap<string, Transport> = new Map(
  [webhookTransport, dingtalkTransport, feishuTransport, slackTransport].map((t) => [t.type, t]),
);

export const TRANSPORT_TYPES: readonly string[] = [...TRANSPORTS.keys()];
