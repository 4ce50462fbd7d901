import { rateVerdict, restBaseline, type RateVerdict } from '../stats/verdict.ts';
import type { KpiFilter, Window } from './filters.ts';
import { returnRates, type ReturnGroupBy, type ReturnRateRow, type ReturnRatesAsk } from './return-rates.ts';
import type { Warehouse } from '../warehouse/client.ts';

/**
 * “Is this return rate high?” for the return-rate tables, with the alert rule's own test
 * (stats/verdict.ts) and the rule's own numbers (ratio, minimum orders, alpha — read from the
 * effective rule config, so an admin's edit moves the table and the rule together).
 *
 * The baseline is the rule's: the rest of the row's category — the category's orders and
 * returns in the same window with the row's own taken out (for a host, session or shop: of its
 * main category; for a category row: the rest of the platform). The category figures are those
 * the table's baselines use: the window, the category filter and the caller's scope, but not the
 * shop / host / session / SKU filters (they describe the category, not the selection).
 *
 * SKU, host, shop and category rows take high_return_sku's numbers; session rows take
 * session_refund_spike's, against the same category baseline (the rule itself compares with the
 * host's earlier sessions, which a return-rate row does not carry).
 */

export interface VerdictTest {
  /** The rule whose numbers these are. */
  rule: string;
  ratio: number;
  minOrders: number;
  alpha: number;
}

export type ReturnVerdict = RateVerdict & { rule: string; against: 'category' | 'platform' };
export type ReturnRateRowWithVerdict = ReturnRateRow & { verdict: ReturnVerdict };

export interface ReturnVerdictTests {
  sku: VerdictTest;
  session: VerdictTest;
}

/** Every category's orders and returns in the window, as the table's baselines count them. */
async function categoryTotals(wh: Warehouse, w: Window, filter: KpiFilter, scope: ReturnRatesAsk[1]): Promise<Map<string, { orders: number; refunded: number }>> {
  const categoryOnly: KpiFilter = filter.category !== undefined ? { category: filter.category } : {};
  const rows = await returnRates(wh, w, categoryOnly, scope, 'category', { limit: 1000, offset: 0, sort: 'key', desc: false }, 1);
  return new Map(rows.rows.map((r) => [r.category, { orders: r.orders, refunded: r.refunded_orders }]));
}

export async function withReturnVerdicts(
  wh: Warehouse,
  w: Window,
  filter: KpiFilter,
  scope: ReturnRatesAsk[1],
  by: ReturnGroupBy,
  rows: readonly ReturnRateRow[],
  tests: ReturnVerdictTests,
): Promise<ReturnRateRowWithVerdict[]> {
  if (rows.length === 0) return [];
  const totals = await categoryTotals(wh, w, filter, scope);
  let allOrders = 0;
  let allRefunded = 0;
  for (const t of totals.values()) {
    allOrders += t.orders;
    allRefunded += t.refunded;
  }
  const test = by === 'session' ? tests.session : tests.sku;
  return rows.map((row) => {
    const k = row.refunded_orders;
    const n = row.orders;
    const cat = totals.get(row.category);
    const against = by === 'category' ? 'platform' : 'category';
    const baseline =
      by === 'category'
        ? restBaseline(allRefunded, allOrders, cat?.refunded ?? k, cat?.orders ?? n)
        : cat
          ? restBaseline(cat.refunded, cat.orders, Math.min(k, cat.refunded), Math.min(n, cat.orders))
          : null;
    const verdict = rateVerdict({ k, n, baseline, ratio: test.ratio, minN: test.minOrders, alpha: test.alpha });
    return { ...row, verdict: { ...verdict, rule: test.rule, against } };
  });
}
