import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, openFedWarehouse, orders, refundsOf, ruleOf, stepOf, type FedWarehouse } from '../../test/alerts/fixtures.ts';
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
    expect(g.get('SHOP_OK')!.evidence.numbers).toMatchObject({ overdue: 0, waiting: 0 });
    expect(g.get('SHOP_YOUNG')).toMatchObject({ met: false });
    expect(g.get('SHOP_YOUNG')!.evidence.numbers).toMatchObject({ overdue: 0, waiting: 5 });
  });

  it('takes the latest step by occurred_at, whatever the arrival order', async () => {
    expect((await groups()).get('SHOP_OOO')!.evidence.numbers).toMatchObject({ overdue: 0, waiting: 0 });
  });

  it('judges "as of" the window end', async () => {
    expect((await groups(AT)).get('SHOP_ASOF')!.met).toBe(true);
    expect((await groups(AT + 2 * HOUR)).get('SHOP_ASOF')!.met).toBe(false);
  });
});
