import Type from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { AnswerCache } from '../answer-cache.ts';
import { cachedAnswer } from './kpi-cache.ts';
import { ReasonsAnswer, StagesAnswer } from '../answers/tables.schemas.ts';
import { merchantSlaSeconds, ruleLookupOf, type RuleLookup } from '../rule-numbers.ts';
import { NO_REASON_CODES, QUALITY_REASON_CODES, type ReasonCode } from '../../contracts/refunds.ts';
import {
  REASON_GROUP_BY,
  REASON_SORTS,
  reasonDistribution,
  refundStages,
  type ReasonGroupBy,
} from '../../kpi/refund-flow.ts';
import type { Warehouse } from '../../warehouse/client.ts';
import {
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

type ReasonQuery = FilterQueryValues & PageQueryValues<(typeof REASON_SORTS)[number]> & { by?: ReasonGroupBy };

function reasonGroup(code: string): 'no_reason' | 'quality' | 'other' {
  if (NO_REASON_CODES.includes(code as ReasonCode)) return 'no_reason';
  if (QUALITY_REASON_CODES.includes(code as ReasonCode)) return 'quality';
  return 'other';
}

/** Reason distribution and stage durations with the bottleneck (DESIGN §4). */
export async function kpiRefundRoutes(app: FastifyInstance, opts: { warehouse: Warehouse; cache?: AnswerCache; rules?: RuleLookup }): Promise<void> {
  const wh = opts.warehouse;
  // The SLA of waiting_over_sla is the merchant_sla rule's, so the alert and its drilldown agree.
  const rules = opts.rules ?? ruleLookupOf(undefined);

  app.get<{ Querystring: ReasonQuery }>(
    '/v1/kpi/reasons',
    kpiRoute({
      summary: 'Reason codes of refunds requested in the window (not cancelled): count and share, optionally per group',
      querystring: Type.Object({
        ...FilterQuery,
        by: Type.Optional(Type.Enum([...REASON_GROUP_BY], { default: 'none', description: 'Group rows by this dimension' })),
        ...pageQuery(REASON_SORTS, 'count'),
      }),
      answer: ReasonsAnswer,
    }),
    async (req, reply) =>
      cachedAnswer(opts.cache, req, reply, async () => {
        const w = resolveWindow(req.query, DAY);
        const by = req.query.by ?? 'none';
        const page = pageOf(req.query, 'count');
        const result = await reasonDistribution(wh, w, filterOf(req.query), scopeOfRequest(req), by, page);
        return { window: iso(w), by, ...result, rows: result.rows.map((r) => ({ ...r, reason_group: reasonGroup(r.reason_code) })) };
      }),
  );

  app.get<{ Querystring: FilterQueryValues }>(
    '/v1/kpi/stages',
    kpiRoute({
      summary: 'Duration of each refund stage ended in the window, refunds waiting in each now, and the bottleneck',
      description:
        'Stages: decision (requested → first decision), ship_back (approval → buyer ships), transit (buyer ships → ' +
        'warehouse receives), money_back (receipt, or approval without a return → refunded). The bottleneck is the ' +
        'stage with the highest p90.',
      querystring: Type.Object(FilterQuery),
      answer: StagesAnswer,
    }),
    async (req, reply) =>
      cachedAnswer(opts.cache, req, reply, async () => {
        const w = resolveWindow(req.query, DAY);
        const s = await refundStages(wh, w, filterOf(req.query), scopeOfRequest(req), { slaSeconds: await merchantSlaSeconds(rules) });
        return { window: iso(w), ...s };
      }),
  );
}
