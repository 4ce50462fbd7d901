import { groupPlainText, plainText, type Transport } from './transport.ts';

/** Slack incoming webhook: a text message. */
export const slackTransport: Transport = {
  type: 'slack',
  render(n) {
    return {
      body: JSON.stringify({ text: plainText(n) }),
      headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': n.idempotencyKey },
    };
  },
  renderGroup(n) {
    return {
      body: JSON.stringify({ text: groupPlainText(n) }),
      headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': n.idempotencyKey },
    };
  },
};
