import Type from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { AnswerCache } from '../answer-cache.ts';
import { cachedAnswer } from './kpi-cache.ts';
import { DEFAULT_REGION_VERDICT, DIRECTIONS, LOGISTICS_DEFAULTS, LOGISTICS_SORTS, logisticsRegions, type Direction, type RegionVerdictTest } from '../../kpi/logistics.ts';
import { LogisticsAnswer, ReturnRatesAnswer } from '../answers/tables.schemas.ts';
import { cohortWindow, rolling7Days } from '../../kpi/cohort-plan.ts';
import { RETURN_GROUP_BY, RETURN_SORTS, returnRates, type ReturnGroupBy } from '../../kpi/return-rates.ts';
import { skuTitles } from '../../kpi/sku-titles.ts';
import { BACKLOG_KINDS, BACKLOG_SORTS, backlogShipments, type BacklogKind } from '../../kpi/backlog-shipments.ts';
import { PROVINCES } from '../../contracts/regions.ts';
import type { Warehouse } from '../../warehouse/client.ts';
import { withReturnVerdicts } from '../../kpi/return-verdicts.ts';
import { returnVerdictTests, ruleLookupOf, type RuleLookup } from '../rule-numbers.ts';
import {
  BacklogShipmentsAnswer,
  DAY,
  FilterQuery,
  kpiRoute,
  filterOf,
  iso,
  pageOf,
  pageQuery,
  resolveWindow,
  scopeOfRequest,
  type FilterQueryValues,
  type PageQueryValues,
} from './kpi.schemas.ts';

type ReturnQuery = FilterQueryValues & PageQueryValues<(typeof RETURN_SORTS)[number]> & { by?: ReturnGroupBy; min_orders?: number; search?: string };
type LogisticsSelectValues = { direction?: Direction; region?: string };
type LogisticsQuery = FilterQueryValues & PageQueryValues<(typeof LOGISTICS_SORTS)[number]> & LogisticsSelectValues;
type ShipmentsQuery = FilterQueryValues & PageQueryValues<(typeof BACKLOG_SORTS)[number]> & LogisticsSelectValues & { kind: BacklogKind };

/** Direction and region as the logistics reads take them. */
const logisticsOptionsOf = (q: LogisticsSelectValues) => ({ direction: q.direction ?? 'outbound', ...(q.region ? { region: q.region } : {}) });

const thresholds = {
  stalled_s: LOGISTICS_DEFAULTS.stallSeconds,
  pickup_s: LOGISTICS_DEFAULTS.pickupSeconds,
  backlog_days: LOGISTICS_DEFAULTS.backlogDays,
};
const LogisticsSelect = {
  direction: Type.Optional(Type.Enum([...DIRECTIONS], { default: 'outbound' })),
  region: Type.Optional(Type.Enum(PROVINCES.map(([code]) => code), { description: 'GB/T 2260 code of one region' })),
};

/** Return rates by order-date cohort, logistics delay by region and the backlog behind it (DESIGN §4). */
export interface KpiReturnRouteOptions {
  warehouse: Warehouse;
  /** The regional_shipping_delay rule's test, for each region row's verdict (its defaults when omitted). */
  regionVerdict?: () => Promise<RegionVerdictTest>;
  cache?: AnswerCache;
  rules?: RuleLookup;
}

export async function kpiReturnRoutes(app: FastifyInstance, opts: KpiReturnRouteOptions): Promise<void> {
  const wh = opts.warehouse;
  const rules = opts.rules ?? ruleLookupOf(undefined);

  app.get<{ Querystring: ReturnQuery }>(
    '/v1/kpi/return-rates',
    kpiRoute({
      summary: 'Return and quality return rates of the orders placed in the window (default: rolling 7 days), per group',
      description:
        'Orders with a refund that is not cancelled ÷ orders, both by ORDER date. The window is widened to whole hours; ' +
        '`window` in the answer is the one covered. baseline_* is the rate expected from the group\'s category mix. ' +
        '`verdict` says whether the row is high by the alert rule\'s own test (high_return_sku; session_refund_spike for sessions) against the rest of its category.',
      querystring: Type.Object({
        ...FilterQuery,
        by: Type.Optional(Type.Enum([...RETURN_GROUP_BY], { default: 'sku' })),
        min_orders: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1, description: 'Hide groups with fewer orders' })),
        search: Type.Optional(
          Type.String({ minLength: 1, maxLength: 64, description: 'Only groups whose id or (for SKUs) product title contains this text, case-insensitive' }),
        ),
        ...pageQuery(RETURN_SORTS, 'return_rate'),
      }),
      answer: ReturnRatesAnswer,
    }),
    async (req, reply) =>
      cachedAnswer(opts.cache, req, reply, async () => {
        // Without `from`: the rolling 7 days of order dates ending at `to` (the overview's tile).
        const resolved = resolveWindow(req.query, 7 * DAY);
        const w = req.query.from === undefined ? rolling7Days(resolved.to) : cohortWindow(resolved);
        const by = req.query.by ?? 'sku';
        const page = pageOf(req.query, 'return_rate');
        const filter = filterOf(req.query);
        const scope = scopeOfRequest(req);
        const result = await returnRates(wh, w, filter, scope, by, page, req.query.min_orders ?? 1, req.query.search?.trim() ?? '');
        const rows = await withReturnVerdicts(wh, w, filter, scope, by, result.rows, await returnVerdictTests(rules));
        return { window: iso(w), by, ...result, rows };
      }),
  );

  app.get<{ Querystring: { ids: string } }>(
    '/v1/kpi/sku-titles',
    kpiRoute({
      summary: 'Product titles of SKUs by id (the latest their orders carried), for pages that show SKU ids',
      description: 'SKUs without a title, or outside the caller\'s scope, are absent from `titles`.',
      querystring: Type.Object(
        { ids: Type.String({ minLength: 1, maxLength: 8000, pattern: '^[^,]+(,[^,]+){0,199}$', description: 'Up to 200 SKU ids, comma-separated' }) },
        { additionalProperties: false },
      ),
      answer: Type.Object({ titles: Type.Record(Type.String(), Type.String()) }),
    }),
    async (req) => ({ titles: await skuTitles(wh, req.query.ids.split(','), scopeOfRequest(req)) }),
  );

  app.get<{ Querystring: LogisticsQuery }>(
    '/v1/kpi/logistics',
    kpiRoute({
      summary: 'Delay rate per destination region beside the national rate, with stalled and pickup-overdue counts',
      querystring: Type.Object({
        ...FilterQuery,
        ...LogisticsSelect,
        ...pageQuery(LOGISTICS_SORTS, 'delay_rate'),
      }),
      answer: LogisticsAnswer,
    }),
    async (req, reply) =>
      cachedAnswer(opts.cache, req, reply, async () => {
        const w = resolveWindow(req.query, DAY);
        const page = pageOf(req.query, 'delay_rate');
        const test = opts.regionVerdict ? await opts.regionVerdict() : DEFAULT_REGION_VERDICT;
        const result = await logisticsRegions(wh, w, filterOf(req.query), scopeOfRequest(req), page, logisticsOptionsOf(req.query), test);
        return { window: iso(w), thresholds, ...result };
      }),
  );

  app.get<{ Querystring: ShipmentsQuery }>(
    '/v1/kpi/logistics/shipments',
    kpiRoute({
      summary: 'The stalled or pickup-overdue shipments behind the counts of /v1/kpi/logistics, sorted and paginated',
      description:
        'stalled: open (neither delivered nor returned to sender) with no scan for 48 h; pickup_overdue: open, created ' +
        'and not picked up 24 h later. Both describe now and look back to the start of the hour backlog_days before now; ' +
        'from/to are accepted so the same query string serves both endpoints, and do not narrow the list. hours_waited ' +
        'counts from waiting_since.',
      querystring: Type.Object({
        kind: Type.Enum([...BACKLOG_KINDS], { description: 'Which backlog to list' }),
        ...FilterQuery,
        ...LogisticsSelect,
        ...pageQuery(BACKLOG_SORTS, 'hours_waited'),
      }),
      answer: BacklogShipmentsAnswer,
    }),
    async (req) => {
      const w = resolveWindow(req.query, DAY);
      const now = new Date();
      const page = pageOf(req.query, 'hours_waited');
      const o = { now, ...logisticsOptionsOf(req.query) };
      const result = await backlogShipments(wh, req.query.kind, filterOf(req.query), scopeOfRequest(req), page, o);
      return { kind: req.query.kind, as_of: now.toISOString(), window: iso(w), thresholds, ...result };
    },
  );
}
