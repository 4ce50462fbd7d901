import { STATUS_ZH, groupLines, groupTitle, type Transport } from './transport.ts';

/** DingTalk custom robot (钉钉自定义机器人): a markdown message. */
export const dingtalkTransport: Transport = {
  type: 'dingtalk',
  render(n) {
    const e = n.event;
    const title = `【${STATUS_ZH[e.transition] ?? e.transition}】${e.title}`;
    const text = [
      `### ${title}`,
      e.evidence.summary,
      '',
      `**建议**：${e.evidence.action}`,
      '',
      `窗口：${e.evidence.window.from} — ${e.evidence.window.to}`,
      '',
      `[查看详情](${n.links.dashboard})`,
    ].join('\n');
    return {
      body: JSON.stringify({ msgtype: 'markdown', markdown: { title, text } }),
      headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': n.idempotencyKey },
    };
  },
  renderGroup(n) {
    const title = groupTitle(n);
    const text = [`### ${title}`, ...groupLines(n), '', `[查看详情](${n.links.dashboard})`].join('\n');
    return {
      body: JSON.stringify({ msgtype: 'markdown', markdown: { title, text } }),
      headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': n.idempotencyKey },
    };
  },
};
