import { groupPlainText, plainText, type Transport } from './transport.ts';

/** Feishu / Lark custom bot (飞书自定义机器人): a text message. */
export const feishuTransport: Transport = {
  type: 'feishu',
  render(n) {
    return {
      body: JSON.stringify({ msg_type: 'text', content: { text: plainText(n) } }),
      headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': n.idempotencyKey },
    };
  },
  renderGroup(n) {
    return {
      body: JSON.stringify({ msg_type: 'text', content: { text: groupPlainText(n) } }),
      headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': n.idempotencyKey },
    };
  },
};
