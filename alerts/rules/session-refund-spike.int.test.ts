import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortWindow } from '../../kpi/cohort-plan.ts';
import { refreshKpiFacts } from '../../kpi/refresh.ts';
import { returnRates } from '../../kpi/return-rates.ts';
import { DAY, HOUR, MIN, openFedWarehouse, orders, refundsOf, ruleOf, stepOf, type FedWarehouse } from '../../test/alerts/fixtures.ts';
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
  // Steps the two could count differently: a request cancelled in the same millisecond (the
  // lifecycle rank says cancelled), one cancelled and then rated, two refunds of one order, a
  // replayed request, and a refund of an order outside the session.
  const messy = orders(40, AT - 2 * DAY, { host_id: 'H1', live_session_id: 'MESSY', shop_id: 'SHOP-H1' });
  await wh.ingest('orders', messy);
  const sameMs = refundsOf(messy.slice(0, 3), AT - DAY);
  await wh.ingest('refunds', [...sameMs, ...stepOf(sameMs, AT - DAY, 'cancelled', 'buyer')]);
  const rated = refundsOf(messy.slice(3, 5), AT - DAY);
  await wh.ingest('refunds', [...rated, ...stepOf(rated, AT - DAY + MIN, 'cancelled', 'buyer'), ...stepOf(rated, AT - DAY + 2 * MIN, 'rated', 'buyer').map((e) => ({ ...e, csat: 2 }))]);
  const twice = refundsOf(messy.slice(5, 6), AT - DAY);
  await wh.ingest('refunds', [...twice, ...refundsOf(messy.slice(5, 6), AT - DAY + HOUR), ...twice]);
  await wh.ingest('refunds', refundsOf(messy.slice(6, 10), AT - 3 * HOUR));
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

  it('counts what the session row of /v1/kpi/return-rates counts', async () => {
    await refreshKpiFacts(wh.warehouse);
    const g = await groups();
    for (const id of ['SPIKE', 'SMALL', 'EDGE', 'NEWHOST', 'MESSY']) {
      const alert = g.get(id)!;
      // The drilldown's window, widened to whole hours as the API does.
      const w = cohortWindow({ from: new Date(alert.evidence.window.from), to: new Date(alert.evidence.window.to) });
      const page = { limit: 10, offset: 0, sort: 'key', desc: false };
      const kpi = await returnRates(wh.warehouse, w, { live_session_id: id }, undefined, 'session', page);
      expect(kpi.rows).toHaveLength(1);
      expect({ id, orders: alert.evidence.numbers.orders, refunds: alert.evidence.numbers.refunds }).toEqual({
        id,
        orders: kpi.rows[0]!.orders,
        refunds: kpi.rows[0]!.refunded_orders,
      });
    }
    expect(g.get('MESSY')!.evidence.numbers).toMatchObject({ orders: 40, refunds: 5 });
  });
});
