import Type from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { AnswerCache } from '../answer-cache.ts';
import { cachedAnswer } from './kpi-cache.ts';
import { merchantSlaSeconds, ruleLookupOf, type RuleLookup } from '../rule-numbers.ts';
import { NO_REASON_CODES, QUALITY_REASON_CODES, type ReasonCode } from '../../contracts/refunds.ts';
import {
  REASON_GROUP_BY,
  REASON_SORTS,
  STAGES,
  reasonDistribution,
  refundStages,
  type ReasonGroupBy,
} from '../../kpi/refund-flow.ts';
import type { Warehouse } from '../../warehouse/client.ts';
import {
  DAY,
  FilterQuery,
  NullableNumber,
  WindowSchema,
  kpiRoute,
  filterOf,
  iso,
  pageOf,
  pageQuery,
  pagedSchema,
  resolveWindow,
  scopeOfRequest,
  type FilterQueryValues,
  type PageQueryValues,
} from './kpi.schemas.ts';

const ReasonRow = Type.Object({
  key: Type.String({ description: 'The group (category, SKU, host, shop or session id); empty when by=none' }),
  reason_code: Type.String(),
  reason_group: Type.Enum(['no_reason', 'quality', 'other'], { description: '无理由 / 品质 / other' }),
  count: Type.Integer(),
  share: Type.Number({ description: 'Share within the group' }),
});

const StageRow = Type.Object({
  stage: Type.Enum([...STAGES]),
  completed: Type.Integer({ description: 'Stages that ended in the window' }),
  mean_s: NullableNumber,
  p50_s: NullableNumber,
  p90_s: NullableNumber,
  max_s: NullableNumber,
  waiting: Type.Integer({ description: 'Refunds waiting in this stage now' }),
  oldest_wait_s: NullableNumber,
  waiting_over_sla: Type.Integer({ description: 'Of those, waiting longer than sla_s' }),
});

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
      answer: Type.Object({ window: WindowSchema, by: Type.String(), ...pagedSchema(ReasonRow).properties }),
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
      answer: Type.Object({
        window: WindowSchema,
        bottleneck: Type.Union([Type.Enum([...STAGES]), Type.Null()]),
        sla_s: Type.Integer({ description: "The merchant decision SLA (the merchant_sla rule's slaHours) waiting_over_sla is counted against" }),
        as_of: Type.String({ format: 'date-time', description: 'Moment the waiting figures describe' }),
        stages: Type.Array(StageRow),
      }),
    }),
    async (req, reply) =>
      cachedAnswer(opts.cache, req, reply, async () => {
        const w = resolveWindow(req.query, DAY);
        const s = await refundStages(wh, w, filterOf(req.query), scopeOfRequest(req), { slaSeconds: await merchantSlaSeconds(rules) });
        return { window: iso(w), ...s };
      }),
  );
}
