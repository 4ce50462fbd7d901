import type { Role } from '../../../auth/role-names.ts';
import type { MeAnswer } from '../../../api/answers/access.schemas.ts';
import type * as Answers from '../../../api/answers/overview.schemas.ts';
import type * as Tables from '../../../api/answers/tables.schemas.ts';
import type * as Trace from '../../../api/answers/trace.schemas.ts';
import type { WindowSpan } from '../../../api/answers/common.schemas.ts';

/**
 * The JSON the API answers with, as the dashboard reads it (see /docs for the full OpenAPI).
 * Answers whose TypeBox schema sits in api/answers/ are derived from it (type-only imports:
 * nothing of the server enters the bundle), so a change of their shape fails
 * `npm run typecheck:dashboard`: me, overview, trend, CSAT, reasons, stages, return rates,
 * logistics, backlog shipments, order trace. Still written out: the live answers of
 * live-types.ts / session-types.ts.
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

export type TraceAnswer = Trace.TraceAnswer;
export type Segment = TraceAnswer['transcript']['segments'][number];
