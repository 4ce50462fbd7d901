import Type from 'typebox';
import { RateVerdictSchema } from '../../stats/verdict-schema.ts';
import { NullableNumber, WindowSchema } from './common.schemas.ts';

/**
 * Answers of the KPI tables: refund reasons and stages (api/routes/kpi-refunds.route.ts), return
 * rates and logistics regions (api/routes/kpi-returns.route.ts). Typebox only, so the dashboard
 * takes its types from here (dashboard/src/api/types.ts) and a change of shape fails its check.
 */

/** A sorted page of `row`s: the row type survives, so `Paged<ReturnRow>` is typed end to end. */
export const Paged = <T extends Type.TSchema>(row: T) =>
  Type.Object({
    total: Type.Integer({ description: 'Rows before pagination' }),
    limit: Type.Integer(),
    offset: Type.Integer(),
    sort: Type.String(),
    order: Type.Enum(['asc', 'desc']),
    rows: Type.Array(row),
  });

/** The refund stages of DESIGN §4, in order (kpi/refund-flow.ts STAGES is this list). */
export const STAGE_LIST = ['decision', 'ship_back', 'transit', 'money_back'] as const;

export const ReasonRow = Type.Object({
  key: Type.String({ description: 'The group (category, SKU, host, shop or session id); empty when by=none' }),
  reason_code: Type.String(),
  reason_group: Type.Enum(['no_reason', 'quality', 'other'], { description: '无理由 / 品质 / other' }),
  count: Type.Integer(),
  share: Type.Number({ description: 'Share within the group' }),
});

export const ReasonsAnswer = Type.Object({ window: WindowSchema, by: Type.String(), ...Paged(ReasonRow).properties });

export const StageRow = Type.Object({
  stage: Type.Enum([...STAGE_LIST]),
  completed: Type.Integer({ description: 'Stages that ended in the window' }),
  mean_s: NullableNumber,
  p50_s: NullableNumber,
  p90_s: NullableNumber,
  max_s: NullableNumber,
  waiting: Type.Integer({ description: 'Refunds waiting in this stage now' }),
  oldest_wait_s: NullableNumber,
  waiting_over_sla: Type.Integer({ description: 'Of those, waiting longer than sla_s' }),
});

export const StagesAnswer = Type.Object({
  window: WindowSchema,
  bottleneck: Type.Union([Type.Enum([...STAGE_LIST]), Type.Null()]),
  sla_s: Type.Integer({ description: "The merchant decision SLA (the merchant_sla rule's slaHours) waiting_over_sla is counted against" }),
  as_of: Type.String({ format: 'date-time', description: 'Moment the waiting figures describe' }),
  stages: Type.Array(StageRow),
});

/** Whether a return-rate row is high, by the alert rule's own test, and which rule and baseline. */
export const ReturnVerdict = Type.Object({
  ...RateVerdictSchema.properties,
  rule: Type.String({ description: 'The alert rule whose test and numbers these are' }),
  against: Type.Enum(['category', 'platform'], { description: 'Baseline: the rest of the category (or of the platform, for a category row)' }),
});

export const ReturnRow = Type.Object({
  key: Type.String({ description: 'SKU, host, session, category or shop id' }),
  title: Type.Union([Type.String(), Type.Null()], { description: 'Product title of a SKU row (the latest its orders carried); null otherwise' }),
  category: Type.String(),
  orders: Type.Integer(),
  refunded_orders: Type.Integer({ description: 'Orders with a refund that is not cancelled' }),
  quality_refunded_orders: Type.Integer({ description: 'Of those, with a quality reason (品质退货)' }),
  return_rate: NullableNumber,
  quality_return_rate: NullableNumber,
  baseline_return_rate: Type.Union([Type.Number(), Type.Null()], { description: 'Expected rate at the category rates' }),
  baseline_quality_return_rate: NullableNumber,
  verdict: ReturnVerdict,
});

export const ReturnRatesAnswer = Type.Object({ window: WindowSchema, by: Type.String(), ...Paged(ReturnRow).properties });

export const LogisticsFigures = Type.Object({
  due: Type.Integer({ description: 'Shipments promised in the window (up to now)' }),
  delayed: Type.Integer({ description: 'Of those, delivered late or not delivered' }),
  delay_rate: NullableNumber,
  stalled: Type.Integer({ description: 'Open shipments without a scan for 48 h (now)' }),
  pickup_overdue: Type.Integer({ description: 'Open shipments not picked up 24 h after creation (now)' }),
});

export const RegionRow = Type.Object({
  region_code: Type.String(),
  region_name: Type.String(),
  ...LogisticsFigures.properties,
  vs_national: Type.Union([Type.Number(), Type.Null()], { description: 'delay_rate ÷ the national delay_rate' }),
  verdict: RateVerdictSchema,
});

export const LogisticsAnswer = Type.Object({
  window: WindowSchema,
  thresholds: Type.Object({ stalled_s: Type.Integer(), pickup_s: Type.Integer(), backlog_days: Type.Integer() }),
  national: LogisticsFigures,
  regions: Paged(RegionRow),
});

export type ReasonRow = Type.Static<typeof ReasonRow>;
export type ReasonsAnswer = Type.Static<typeof ReasonsAnswer>;
export type StageRow = Type.Static<typeof StageRow>;
export type StagesAnswer = Type.Static<typeof StagesAnswer>;
export type ReturnVerdict = Type.Static<typeof ReturnVerdict>;
export type ReturnRow = Type.Static<typeof ReturnRow>;
export type ReturnRatesAnswer = Type.Static<typeof ReturnRatesAnswer>;
export type LogisticsFigures = Type.Static<typeof LogisticsFigures>;
export type RegionRow = Type.Static<typeof RegionRow>;
export type LogisticsAnswer = Type.Static<typeof LogisticsAnswer>;
export type RateVerdictJson = Type.Static<typeof RateVerdictSchema>;
