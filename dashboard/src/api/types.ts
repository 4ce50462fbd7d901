import type { Role } from '../../../auth/role-names.ts';
import type { MeAnswer } from '../../../api/answers/access.schemas.ts';
import type * as Answers from '../../../api/answers/overview.schemas.ts';
import type * as Tables from '../../../api/answers/tables.schemas.ts';
import type { WindowSpan } from '../../../api/answers/common.schemas.ts';

/**
 * The JSON the API answers with, as the dashboard reads it (see /docs for the full OpenAPI).
 * Answers whose TypeBox schema sits in api/answers/ are derived from it (type-only imports:
 * nothing of the server enters the bundle), so a change of their shape fails
 * `npm run typecheck:dashboard`: me, overview, trend, CSAT, reasons, stages, return rates,
 * logistics, backlog shipments. Still written out here: the order trace (below) and the live
 * answers of live-types.ts / session-types.ts.
 */

export type { Role };

export type Me = MeAnswer;

export type Span = WindowSpan;

export type Tile = Answers.Tile;
export type TileUnit = Tile['unit'];
export type OverviewAnswer = Answers.OverviewAnswer;
export type TrendAnswer = Answers.TrendAnswer;
export type TrendPoint = TrendAnswer['points'][number];

/** A sorted page of rows, as api/answers/tables.schemas.ts `Paged(row)` gives it. */
export type Paged<R> = Omit<Tables.ReturnRatesAnswer, 'window' | 'by' | 'rows'> & { rows: R[] };

export type ReasonRow = Tables.ReasonRow;
export type ReasonGroup = ReasonRow['reason_group'];
export type ReasonsAnswer = Tables.ReasonsAnswer;

export type StagesAnswer = Tables.StagesAnswer;
export type StageRow = Tables.StageRow;
export type Stage = StageRow['stage'];
/** The stages in order; typed by the answer schema, so a renamed stage fails the type check. */
export const STAGES = ['decision', 'ship_back', 'transit', 'money_back'] as const satisfies readonly Stage[];

export type ReturnRow = Tables.ReturnRow;
/** The API's "is this rate high?" (stats/verdict.ts): the rule's test, with the figures behind it. */
export type RateVerdict = Tables.RateVerdictJson;
export type ReturnRatesAnswer = Tables.ReturnRatesAnswer;

/**
 * A row as any server version may send it: answers from before issue #15 carry no verdict (and
 * SKU rows no title); the shaping code then judges with the rule's defaults (shaping/verdict.ts).
 */
export type FromAnyServer<R extends { verdict: unknown }> = Omit<R, 'verdict' | 'title'> & { verdict?: RateVerdict; title?: string | null };

export type LogisticsFigures = Tables.LogisticsFigures;
export type RegionRow = Tables.RegionRow;
export type LogisticsAnswer = Tables.LogisticsAnswer;

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
