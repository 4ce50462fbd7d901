import { QUALITY_REASON_CODES } from '../contracts/refunds.ts';
import { ceilHour, toChTime } from '../kpi/time.ts';
import { queryRows, type Warehouse } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';

/** What bench:query requests, and the raw-scan queries it compares them with. */
export interface Ctx {
  url: string;
  ops: string;
  manager: string;
  samples: { shops: string[]; hosts: string[]; sessions: string[]; categories: string[]; orders: string[] };
}

interface Case {
  name: string;
  request(i: number): { path: string; token: string };
}

const pick = <T>(xs: T[], i: number): T => xs[(i * 7919) % xs.length]!;

type Samples = Ctx['samples'];
type FilterKey = 'shop_id' | 'category' | 'host_id' | 'live_session_id';

/**
 * The i-th filter of the rotation: none, shop, category, host, live session, category-manager
 * scope (`manager`). bench:query, bench/query-profile.ts and bench/levels-compare.ts rotate through it.
 */
export function rotatedFilter(s: Samples, i: number): { filter: Partial<Record<FilterKey, string>>; manager: boolean } {
  const dims: ([FilterKey, string[]] | null)[] = [null, ['shop_id', s.shops], ['category', s.categories], ['host_id', s.hosts], ['live_session_id', s.sessions]];
  const dim = dims[i % 6];
  return { filter: dim ? { [dim[0]]: pick(dim[1], i) } : {}, manager: i % 6 === 5 };
}

/** The category-manager scope of the rotation's sixth variant in the in-process benches. */
export const MANAGER_SCOPE = { categories: ['美妆', '服饰'] };

/** rotatedFilter as KPI read arguments, for the benches that call the reads in process. */
export function rotatedRead(s: Samples, i: number): { filter: Partial<Record<FilterKey, string>>; scope?: { categories: string[] } } {
  const { filter, manager } = rotatedFilter(s, i);
  return manager ? { filter, scope: MANAGER_SCOPE } : { filter };
}

function variant(ctx: Ctx, i: number): { qs: string; token: string } {
  const { filter, manager } = rotatedFilter(ctx.samples, i);
  const qs = Object.entries(filter)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return { qs, token: manager ? ctx.manager : ctx.ops };
}

const DAY = 86_400_000;
const TREND_METRICS = ['refund_requests', 'rejection_rate', 'processing_time_p90_s', 'return_rate', 'delay_rate', 'csat_mean'];

export function endpointCases(ctx: Ctx): Case[] {
  const kpi = (name: string, path: (i: number) => string): Case => ({
    name,
    request(i) {
      const v = variant(ctx, i);
      const base = path(i);
      return { path: v.qs ? `${base}${base.includes('?') ? '&' : '?'}${v.qs}` : base, token: v.token };
    },
  });
  const since = (ms: number) => encodeURIComponent(new Date(Date.now() - ms).toISOString());
  return [
    kpi('GET /v1/kpi/overview', () => '/v1/kpi/overview'),
    kpi('GET /v1/kpi/trends 24h by hour', (i) => `/v1/kpi/trends?metric=${pick(TREND_METRICS, i)}&granularity=hour`),
    kpi('GET /v1/kpi/trends 7d by day', (i) => `/v1/kpi/trends?metric=${pick(TREND_METRICS, i)}&granularity=day&from=${since(7 * DAY)}`),
    kpi('GET /v1/kpi/reasons', (i) => `/v1/kpi/reasons?by=${i % 2 ? 'category' : 'none'}`),
    kpi('GET /v1/kpi/stages', () => '/v1/kpi/stages'),
    kpi('GET /v1/kpi/csat', () => '/v1/kpi/csat'),
    kpi('GET /v1/kpi/return-rates by=sku', () => '/v1/kpi/return-rates?by=sku&limit=50'),
    kpi('GET /v1/kpi/return-rates by=host', () => '/v1/kpi/return-rates?by=host&limit=50'),
    kpi('GET /v1/kpi/return-rates by=session', () => '/v1/kpi/return-rates?by=session&limit=50'),
    kpi('GET /v1/kpi/return-rates by=category', () => '/v1/kpi/return-rates?by=category'),
    kpi('GET /v1/kpi/logistics', () => '/v1/kpi/logistics'),
    kpi('GET /v1/kpi/logistics/shipments', (i) => `/v1/kpi/logistics/shipments?kind=${i % 2 ? 'stalled' : 'pickup_overdue'}&limit=50`),
    {
      name: 'GET /v1/orders/:id/trace',
      request: (i) => ({ path: `/v1/orders/${encodeURIComponent(pick(ctx.samples.orders, i))}/trace`, token: ctx.ops }),
    },
  ];
}

export interface RawCase {
  endpoint: string;
  run(): Promise<unknown>;
  check?(): Promise<string>;
}

export function rawCases(ctx: Ctx, w: Warehouse): RawCase[] {
  const to = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const from = new Date(to.getTime() - DAY);
  const win = { from: toChTime(from), to: toChTime(to) };
  const q = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
  const cohortTo = ceilHour(to);
  const cohort = { from: toChTime(new Date(cohortTo.getTime() - 7 * DAY)), to: toChTime(cohortTo) };
  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${ctx.url}${path}`, { headers: { authorization: `Bearer ${ctx.ops}` } });
    return (await res.json()) as T;
  };
  const raw = <T>(name: string, params: Record<string, unknown>) => queryRows<T>(w.client, loadSql(`bench/${name}`), params);
  const same = (a: unknown, b: unknown) => (JSON.stringify(a) === JSON.stringify(b) ? 'match' : `DIFFER: api ${JSON.stringify(a)} raw ${JSON.stringify(b)}`);
  const order = ctx.samples.orders[0] ?? '';
  type Tile = { key: string; value: number | null; numerator: number | null; denominator: number | null };
  return [
    {
      endpoint: 'GET /v1/kpi/overview',
      run: () => raw('raw_refund_summary', win),
      async check() {
        const [r] = await raw<Record<string, string | number[]>>('raw_refund_summary', win);
        const o = await api<{ tiles: Tile[] }>(`/v1/kpi/overview?${q}`);
        const t = (k: string) => o.tiles.find((x) => x.key === k)!;
        return same(
          [t('refund_requests').value, t('rejection_rate').numerator, t('rejection_rate').denominator, t('success_rate').numerator, t('success_rate').denominator, t('processing_time_p50_s').value],
          [Number(r!.requests), Number(r!.rejected), Number(r!.decided), Number(r!.closed_refunded), Number(r!.closed), (r!.processing_q_s as number[])[0]],
        );
      },
    },
    { endpoint: 'GET /v1/kpi/trends 24h by hour', run: () => raw('raw_trend', win) },
    {
      endpoint: 'GET /v1/kpi/reasons',
      run: () => raw('raw_reasons', win),
      async check() {
        const r = await raw<{ reason_code: string; n: string }>('raw_reasons', win);
        const a = await api<{ rows: Array<{ reason_code: string; count: number }> }>(`/v1/kpi/reasons?${q}&limit=50`);
        return same(a.rows.map((x) => [x.reason_code, x.count]), r.map((x) => [x.reason_code, Number(x.n)]));
      },
    },
    {
      endpoint: 'GET /v1/kpi/stages',
      run: () => raw('raw_stages', win),
      async check() {
        const [r] = await raw<{ decision_n: string; decision_q: number[]; transit_n: string; transit_q: number[] }>('raw_stages', win);
        const a = await api<{ stages: Array<{ stage: string; completed: number; p50_s: number | null }> }>(`/v1/kpi/stages?${q}`);
        const s = (n: string) => a.stages.find((x) => x.stage === n)!;
        return same(
          [s('decision').completed, s('decision').p50_s, s('transit').completed, s('transit').p50_s],
          [Number(r!.decision_n), r!.decision_q[0], Number(r!.transit_n), r!.transit_q[0]],
        );
      },
    },
    { endpoint: 'GET /v1/kpi/csat', run: () => raw('raw_refund_summary', win) },
    {
      endpoint: 'GET /v1/kpi/return-rates by=sku',
      run: () => raw('raw_return_rates', { ...cohort, quality_reasons: [...QUALITY_REASON_CODES] }),
      async check() {
        const r = await raw<{ key: string; orders: string; refunded_orders: string }>('raw_return_rates', { ...cohort, quality_reasons: [...QUALITY_REASON_CODES] });
        const a = await api<{ rows: Array<{ key: string; orders: number; refunded_orders: number }> }>(`/v1/kpi/return-rates?by=sku&limit=50&to=${encodeURIComponent(to.toISOString())}`);
        return same(a.rows.map((x) => [x.key, x.orders, x.refunded_orders]), r.map((x) => [x.key, Number(x.orders), Number(x.refunded_orders)]));
      },
    },
    {
      endpoint: 'GET /v1/kpi/logistics',
      run: () => raw('raw_logistics', { from: win.from, due_to: win.to, now: toChTime(new Date()) }),
      async check() {
        type Raw = { region: string; due: string; delayed: string; stalled: string; pickup_overdue: string };
        type Fig = [due: number, delayed: number, stalled: number, pickup_overdue: number];
        const rawAt = async (now: Date) =>
          new Map(
            (await raw<Raw>('raw_logistics', { from: win.from, due_to: win.to, now: toChTime(now) })).map((x): [string, Fig] => [
              x.region,
              [Number(x.due), Number(x.delayed), Number(x.stalled), Number(x.pickup_overdue)],
            ]),
          );
        // Backlog counts describe "now", and the API reads its own clock: bracket its read between
        // two raw reads. Due / delayed must match exactly; a backlog count matches when it equals
        // the raw count at either instant (a shipment may cross the 48 h / 24 h line in between).
        const before = await rawAt(new Date());
        const a = await api<{ regions: { rows: Array<{ region_code: string; due: number; delayed: number; stalled: number; pickup_overdue: number }> } }>(`/v1/kpi/logistics?${q}&limit=50`);
        const after = await rawAt(new Date());
        const got = new Map(a.regions.rows.map((x): [string, Fig] => [x.region_code, [x.due, x.delayed, x.stalled, x.pickup_overdue]]));
        const zero: Fig = [0, 0, 0, 0];
        const differ: string[] = [];
        let backlog = 0;
        for (const region of [...new Set([...got.keys(), ...before.keys(), ...after.keys()])].sort()) {
          const [g, b, f] = [got.get(region) ?? zero, before.get(region) ?? zero, after.get(region) ?? zero];
          backlog += g[2] + g[3];
          const ok = g[0] === b[0] && g[1] === b[1] && [2, 3].every((i) => g[i] === b[i] || g[i] === f[i]);
          if (!ok) differ.push(`${region} api ${JSON.stringify(g)} raw ${JSON.stringify(b)}…${JSON.stringify(f)}`);
        }
        return differ.length === 0
          ? `match (${got.size} regions: due, delayed, stalled, pickup overdue; backlog ${backlog})`
          : `DIFFER [due, delayed, stalled, pickup_overdue]: ${differ.join('; ')}`;
      },
    },
    {
      endpoint: 'GET /v1/kpi/logistics/shipments',
      run: () => raw('raw_logistics', { from: win.from, due_to: win.to, now: toChTime(new Date()) }),
      async check() {
        // Each list states the moment it describes (as_of): its total must equal the raw backlog
        // at exactly that moment (bracketing two raw reads failed when a parcel crossed the
        // 48 h / 24 h line on each side of the API's read).
        const got: number[] = [];
        const want: number[] = [];
        for (const kind of ['stalled', 'pickup_overdue'] as const) {
          const a = await api<{ total: number; as_of: string }>(`/v1/kpi/logistics/shipments?kind=${kind}&limit=1`);
          const r = await raw<{ stalled: string; pickup_overdue: string }>('raw_logistics', { from: win.from, due_to: win.to, now: toChTime(new Date(a.as_of)) });
          got.push(a.total);
          want.push(r.reduce((n, x) => n + Number(x[kind]), 0));
        }
        return `${JSON.stringify(got) === JSON.stringify(want) ? 'match' : 'DIFFER'}: totals [stalled, pickup_overdue] at the API's as_of: api ${JSON.stringify(got)} raw ${JSON.stringify(want)}`;
      },
    },
    {
      endpoint: 'GET /v1/orders/:id/trace',
      run: () => raw('raw_trace', { order_id: order }),
      async check() {
        const [r] = await raw<{ refund_steps: string; scans: string }>('raw_trace', { order_id: order });
        const a = await api<{ refunds: Array<{ steps: unknown[] }>; shipments: Array<{ scans: unknown[] }> }>(`/v1/orders/${encodeURIComponent(order)}/trace`);
        return same(
          [a.refunds.reduce((n, x) => n + x.steps.length, 0), a.shipments.reduce((n, x) => n + x.scans.length, 0)],
          [Number(r!.refund_steps), Number(r!.scans)],
        );
      },
    },
  ];
}
