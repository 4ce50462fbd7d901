import type { Role } from '../../../auth/role-names.ts';
import type * as Answers from '../../../api/answers/overview.schemas.ts';
import type { WindowSpan } from '../../../api/answers/common.schemas.ts';

/**
 * The JSON the API answers with, as the dashboard reads it (see /docs for the full OpenAPI).
 * Answers whose TypeBox schema sits in api/answers/ are derived from it (type-only imports:
 * nothing of the server enters the bundle), so a change of their shape fails
 * `npm run typecheck:dashboard`; the rest are still written out here.
 */

export type { Role };

export interface Me {
  token_id: string;
  role: Role;
  categories: string[];
  host_id: string | null;
  name: string;
}

export type Span = WindowSpan;

export type Tile = Answers.Tile;
export type TileUnit = Tile['unit'];
export type OverviewAnswer = Answers.OverviewAnswer;
export type TrendAnswer = Answers.TrendAnswer;
export type TrendPoint = TrendAnswer['points'][number];

export interface Paged<R> {
  total: number;
  limit: number;
  offset: number;
  sort: string;
  order: 'asc' | 'desc';
  rows: R[];
}

export type ReasonGroup = 'no_reason' | 'quality' | 'other';

export interface ReasonRow {
  key: string;
  reason_code: string;
  reason_group: ReasonGroup;
  count: number;
  share: number;
}

export interface ReasonsAnswer extends Paged<ReasonRow> {
  window: Span;
  by: string;
}

export const STAGES = ['decision', 'ship_back', 'transit', 'money_back'] as const;
export type Stage = (typeof STAGES)[number];

export interface StageRow {
  stage: Stage;
  completed: number;
  mean_s: number | null;
  p50_s: number | null;
  p90_s: number | null;
  max_s: number | null;
  waiting: number;
  oldest_wait_s: number | null;
  waiting_over_sla: number;
}

export interface StagesAnswer {
  window: Span;
  bottleneck: Stage | null;
  sla_s: number;
  as_of: string;
  stages: StageRow[];
}

export interface ReturnRow {
  key: string;
  /** Product title of a SKU row (null: none known, or not a SKU row); show the key then. */
  title?: string | null;
  category: string;
  orders: number;
  refunded_orders: number;
  quality_refunded_orders: number;
  return_rate: number | null;
  quality_return_rate: number | null;
  baseline_return_rate: number | null;
  baseline_quality_return_rate: number | null;
  /** Whether the rate is high, by the test of the rule that watches it (issue #15); absent from an older API. */
  verdict?: RateVerdict;
}

/** The API's "is this rate high?" (stats/verdict.ts): the rule's test, with the figures behind it. */
export interface RateVerdict {
  level: 'high' | 'normal' | 'too_few';
  rate: number;
  baseline: number | null;
  ratio: number | null;
  n: number;
  k: number;
  p_value: number | null;
  ci_low: number;
  ci_high: number;
  min_n: number;
  alpha: number;
}

export interface ReturnRatesAnswer extends Paged<ReturnRow> {
  window: Span;
  by: string;
}

export interface LogisticsFigures {
  due: number;
  delayed: number;
  delay_rate: number | null;
  stalled: number;
  pickup_overdue: number;
}

export interface RegionRow extends LogisticsFigures {
  region_code: string;
  region_name: string;
  vs_national: number | null;
  /** Whether the delay rate is high, by the regional-delay rule's test (issue #15); absent from an older API. */
  verdict?: RateVerdict;
}

export interface LogisticsAnswer {
  window: Span;
  thresholds: { stalled_s: number; pickup_s: number; backlog_days: number };
  national: LogisticsFigures;
  regions: Paged<RegionRow>;
}

export type CsatAnswer = Answers.CsatAnswer;

export interface Segment {
  event_id: string;
  occurred_at: string | null;
  speaker: string;
  text: string;
  sku_id: string;
  offset_ms: number;
}

export interface TraceAnswer {
  order: {
    order_id: string;
    occurred_at: string | null;
    shop_id: string;
    user_id: string;
    sku_id: string;
    product_title: string | null;
    category: string;
    quantity: number;
    amount: number;
    region_code: string;
    region_name: string;
    refund_policy: string;
  };
  session: { live_session_id: string; host_id: string; shop_id: string; order_offset_ms: number };
  transcript: { from_ms: number; to_ms: number; segments: Segment[] };
  promises: (Segment & { matched_terms: string[] })[];
  refunds: {
    refund_id: string;
    state: string;
    steps: {
      event_id: string;
      status: string;
      occurred_at: string | null;
      actor: string;
      type: string;
      reason_code: string;
      amount: number;
      rule_id: string | null;
      reject_reason: string | null;
      csat: number | null;
    }[];
  }[];
  shipments: {
    shipment_id: string;
    direction: string;
    carrier: string;
    status: string;
    dest_region_code: string;
    dest_region_name: string;
    promised_at: string | null;
    delivered_at: string | null;
    late: boolean | null;
    scans: { event_id: string; status: string; occurred_at: string | null; origin_region_code: string; dest_region_code: string; exception_code: string | null }[];
  }[];
}
