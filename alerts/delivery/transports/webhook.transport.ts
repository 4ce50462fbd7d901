import type { Transport } from './transport.ts';

/**
 * The generic webhook: the alert transition as JSON, the same shape as the SSE stream, with the
 * idempotency key in the body and the `Idempotency-Key` header so a receiver can dedupe.
 */
export const webhookTransport: Transport = {
  type: 'webhook',
  render(n) {
    const body = {
      version: 1,
      idempotency_key: n.idempotencyKey,
      channel: n.channel.id,
      audience: n.channel.audience,
      ...n.event,
      links: n.links,
    };
    return {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': n.idempotencyKey, 'x-radar-event-id': n.event.event_id },
    };
  },
  /** A group notification: `type: "alert_group"`, the same JSON as the SSE `alert_group` event. */
  renderGroup(n) {
    const body = {
      version: 1,
      type: 'alert_group',
      idempotency_key: n.idempotencyKey,
      channel: n.channel.id,
      audience: n.channel.audience,
      ...n.notification,
      links: n.links,
    };
    return {
      body: JSON.stringify(body),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'idempotency-key': n.idempotencyKey,
        'x-radar-notification-id': n.notification.notification_id,
      },
    };
  },
};
