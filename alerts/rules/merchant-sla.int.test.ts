import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refundStages } from '../../kpi/refund-flow.ts';
import { refreshKpiFacts } from '../../kpi/refresh.ts';
import { DAY, HOUR, openFedWarehouse, orders, refundsOf, ruleOf, stepOf, type FedWarehouse } from '../../test/alerts/fixtures.ts';
import type { GroupResult } from '../types.ts';
import { evaluateMerchantSla } from './merchant-sla.rule.ts';

const AT = Date.UTC(2026, 10, 20, 12);
const rule = ruleOf<'merchant_sla'>('merchant_sla'); // SLA 48 h, ≥ 3 overdue
let wh: FedWarehouse;

async function requests(shop: string, n: number, atMs: number) {
  const list = refundsOf(orders(n, atMs - 5 * 24 * HOUR, { shop_id: shop }), atMs, { shop_id: shop });
  await wh.ingest('refunds', list);
  return list;
}

async function groups(at = AT): Promise<Map<string, GroupResult>> {
  const result = await evaluateMerchantSla({ client: wh.warehouse.client, at }, rule);
  return new Map(result.groups.map((g) => [g.subject.shop_id!, g]));
}

beforeAll(async () => {
  wh = await openFedWarehouse();
  await requests('SHOP_QUIET', 3, AT - 50 * HOUR);
  await requests('SHOP_TWO', 2, AT - 50 * HOUR);
  await requests('SHOP_TWO', 10, AT - 5 * HOUR);
  const answered = await requests('SHOP_OK', 5, AT - 50 * HOUR);
  await wh.ingest('refunds', stepOf(answered, AT - 30 * HOUR, 'approved'));
  await requests('SHOP_YOUNG', 5, AT - 47 * HOUR);
  // Out of order: the decision arrives before the request it answers; the latest step by occurred_at wins.
  const late = refundsOf(orders(4, AT - 5 * 24 * HOUR, { shop_id: 'SHOP_OOO' }), AT - 60 * HOUR, { shop_id: 'SHOP_OOO' });
  await wh.ingest('refunds', stepOf(late, AT - 20 * HOUR, 'rejected'));
  await wh.ingest('refunds', late);
  // Decided only after the evaluation time: still waiting "as of" AT.
  const future = await requests('SHOP_ASOF', 3, AT - 50 * HOUR);
  await wh.ingest('refunds', stepOf(future, AT + HOUR, 'approved'));
  // Requested 40 days ago and never answered: still waiting (the KPI has no look-back either).
  await requests('SHOP_OLD', 3, AT - 40 * DAY);
  // Answered, then reopened by the buyer (escalated) 50 h ago: waiting again, from the escalation.
  const reopened = await requests('SHOP_REOPENED', 4, AT - 80 * HOUR);
  await wh.ingest('refunds', stepOf(reopened, AT - 70 * HOUR, 'rejected'));
  await wh.ingest('refunds', stepOf(reopened, AT - 50 * HOUR, 'escalated', 'buyer'));
  // Cancelled by the buyers 10 h before AT, after 50 h without an answer.
  const cancelled = await requests('SHOP_CANCELLED', 3, AT - 60 * HOUR);
  await wh.ingest('refunds', stepOf(cancelled, AT - 10 * HOUR, 'cancelled', 'buyer'));
  await refreshKpiFacts(wh.warehouse); // the rule counts the KPI's refund facts
});
afterAll(async () => wh?.close());

describe('merchant_sla', () => {
  it('fires for a shop with refunds waiting for its decision past the SLA, with the evidence', async () => {
    const g = (await groups()).get('SHOP_QUIET')!;
    expect(g.met).toBe(true);
    expect(g.evidence.numbers).toMatchObject({ overdue: 3, waiting: 3, oldest_wait_hours: 50, sla_hours: 48 });
    expect((g.evidence.details?.sample_refund_ids as string[]).length).toBe(3);
    expect(g.evidence.action).toBe('催促商家处理，考虑开启超时自动同意');
  });

  it('does not fire one refund under the minimum, for answered refunds, or before the SLA passed', async () => {
    const g = await groups();
    expect(g.get('SHOP_TWO')).toMatchObject({ met: false, why: 'overdue 2 < 3' });
    expect(g.get('SHOP_TWO')!.evidence.numbers.waiting).toBe(12);
    expect(g.has('SHOP_OK')).toBe(false); // a shop with nothing waiting is not returned
    expect(g.get('SHOP_YOUNG')).toMatchObject({ met: false });
    expect(g.get('SHOP_YOUNG')!.evidence.numbers).toMatchObject({ overdue: 0, waiting: 5 });
  });

  it('takes the latest step by occurred_at, whatever the arrival order', async () => {
    expect((await groups()).has('SHOP_OOO')).toBe(false);
  });

  it('counts refunds requested long ago, and reopened ones from their reopening', async () => {
    const g = await groups();
    expect(g.get('SHOP_OLD')).toMatchObject({ met: true });
    expect(g.get('SHOP_OLD')!.evidence.numbers).toMatchObject({ overdue: 3, waiting: 3, oldest_wait_hours: 40 * 24 });
    expect(g.get('SHOP_REOPENED')!.evidence.numbers).toMatchObject({ overdue: 4, waiting: 4, oldest_wait_hours: 50 });
    // Cancelled refunds wait no more, but did before: a backtest sees them.
    expect((await groups()).has('SHOP_CANCELLED')).toBe(false);
    expect((await groups(AT - 11 * HOUR)).get('SHOP_CANCELLED')!.evidence.numbers).toMatchObject({ overdue: 3, waiting: 3 });
    expect((await groups(AT - 11 * HOUR + 2 * HOUR)).get('SHOP_CANCELLED')).toBeUndefined();
    // Before the reopening they were answered: nothing waits.
    expect((await groups(AT - 60 * HOUR)).get('SHOP_REOPENED')?.evidence.numbers.waiting ?? 0).toBe(0);
  });

  it('counts what the decision stage of /v1/kpi/stages counts for the shop', async () => {
    // After the last stored step, as a live evaluation sees it: the KPI's "now" is the rule's at.
    const at = AT + 2 * HOUR;
    const byShop = await groups(at);
    const shops = ['SHOP_QUIET', 'SHOP_TWO', 'SHOP_OK', 'SHOP_YOUNG', 'SHOP_OOO', 'SHOP_ASOF', 'SHOP_OLD', 'SHOP_REOPENED', 'SHOP_CANCELLED'];
    for (const shop of shops) {
      const kpi = await refundStages(wh.warehouse, { from: new Date(at - DAY), to: new Date(at) }, { shop_id: shop }, undefined, {
        now: new Date(at),
        slaSeconds: rule.params.slaHours * 3600,
      });
      const decision = kpi.stages.find((s) => s.stage === 'decision')!;
      const numbers = byShop.get(shop)?.evidence.numbers;
      expect({ shop, waiting: numbers?.waiting ?? 0, overdue: numbers?.overdue ?? 0 }).toEqual({
        shop,
        waiting: decision.waiting,
        overdue: decision.waiting_over_sla,
      });
    }
  });

  it('judges "as of" the window end', async () => {
    expect((await groups(AT)).get('SHOP_ASOF')!.met).toBe(true);
    expect((await groups(AT + 2 * HOUR)).has('SHOP_ASOF')).toBe(false);
  });
});
