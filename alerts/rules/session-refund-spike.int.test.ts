import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR, openFedWarehouse, orders, refundsOf, ruleOf, type FedWarehouse } from '../../test/alerts/fixtures.ts';
import type { GroupResult } from '../types.ts';
import { evaluateSessionRefundSpike } from './session-refund-spike.rule.ts';

const AT = Date.UTC(2026, 10, 20, 12);
const rule = ruleOf<'session_refund_spike'>('session_refund_spike'); // last 7 days vs 14 before, ratio 2, ≥ 30, ≥ 100 baseline
let wh: FedWarehouse;

/** One live session of `host`: `n` orders starting `daysAgo` days before AT, `refunded` of them refunded. */
async function session(host: string, id: string, daysAgo: number, n: number, refunded: number) {
  const list = orders(n, AT - daysAgo * DAY, { host_id: host, live_session_id: id, shop_id: `SHOP-${host}` });
  await wh.ingest('orders', list);
  await wh.ingest('refunds', refundsOf(list.slice(0, refunded), Math.min(AT - HOUR, AT - daysAgo * DAY + 2 * DAY)));
}

async function groups(): Promise<Map<string, GroupResult>> {
  const result = await evaluateSessionRefundSpike({ client: wh.warehouse.client, at: AT }, rule);
  return new Map(result.groups.map((g) => [g.subject.live_session_id!, g]));
}

beforeAll(async () => {
  wh = await openFedWarehouse();
  // Each host's usual: five earlier sessions, 50 orders each, 10 % refunded.
  for (const host of ['H1', 'H2', 'H3']) {
    for (let d = 12; d >= 8; d--) await session(host, `${host}-OLD-${d}`, d, 50, 5);
  }
  await session('H1', 'SPIKE', 3, 60, 30); // 50 %
  await session('H2', 'SMALL', 3, 20, 15); // 75 % of too few orders
  await session('H3', 'EDGE', 3, 100, 20); // exactly 2 × the host's 10 %
  await session('H4', 'NEWHOST', 3, 60, 30); // a host with no history: compared with the platform
});
afterAll(async () => wh?.close());

describe('session_refund_spike', () => {
  it("fires for a session refunded far above the host's usual rate, with the evidence", async () => {
    const g = (await groups()).get('SPIKE')!;
    expect(g.met).toBe(true);
    expect(g.labels).toMatchObject({ live_session_id: 'SPIKE', host_id: 'H1', shop_id: 'SHOP-H1' });
    expect(g.evidence.numbers).toMatchObject({ orders: 60, refunds: 30, baseline: 'host', baseline_orders: 250, baseline_refunds: 25, baseline_refund_rate: 0.1 });
    expect(g.evidence.test!.p_value).toBeLessThan(1e-6);
    expect(g.evidence.action).toBe('复盘该场直播的承诺与话术，核对商品描述');
  });

  it('falls back to the platform rate for a host without enough history', async () => {
    const g = (await groups()).get('NEWHOST')!;
    expect(g.evidence.numbers.baseline).toBe('platform');
    expect(g.met).toBe(true);
  });

  it('does not fire on a small session or at exactly the ratio; old sessions are not judged', async () => {
    const g = await groups();
    expect(g.get('SMALL')).toMatchObject({ met: false });
    expect(g.get('SMALL')!.why).toMatch(/^orders 20 < 30/);
    expect(g.get('EDGE')).toMatchObject({ met: false });
    expect(g.get('EDGE')!.why).toMatch(/rate 20\.0% ≤ 2 × host 10\.0%/);
    expect(g.has('H1-OLD-12')).toBe(false);
  });
});
