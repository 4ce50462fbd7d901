import Type from 'typebox';
import { NullableNumber, WindowSchema } from './common.schemas.ts';

/** Answers of GET /v1/kpi/overview, /v1/kpi/trend and /v1/kpi/csat (api/routes/kpi-overview.route.ts). */
export const Tile = Type.Object({
  key: Type.String({ description: 'refund_requests, processing_time_p50_s, rejection_rate, return_rate_7d, delay_rate, …' }),
  unit: Type.Enum(['count', 'ratio', 'seconds', 'score']),
  value: NullableNumber,
  previous: Type.Union([Type.Number(), Type.Null()], { description: 'The same figure over previous_window' }),
  numerator: NullableNumber,
  denominator: NullableNumber,
  window: WindowSchema,
  previous_window: Type.Union([WindowSchema, Type.Null()]),
});

export const OverviewAnswer = Type.Object({
  window: WindowSchema,
  previous_window: WindowSchema,
  data_as_of: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Raw events up to here are in the KPIs' }),
  tiles: Type.Array(Tile),
});

export const TrendAnswer = Type.Object({
  metric: Type.String(),
  granularity: Type.String(),
  window: WindowSchema,
  points: Type.Array(
    Type.Object({
      bucket: Type.String({ format: 'date-time', description: 'Bucket start' }),
      value: NullableNumber,
      numerator: NullableNumber,
      denominator: NullableNumber,
    }),
  ),
});

export const CsatAnswer = Type.Object({
  window: WindowSchema,
  previous_window: WindowSchema,
  ratings: Type.Integer(),
  mean: NullableNumber,
  share_4_5: NullableNumber,
  distribution: Type.Object({ 1: Type.Integer(), 2: Type.Integer(), 3: Type.Integer(), 4: Type.Integer(), 5: Type.Integer() }),
  previous: Type.Object({ ratings: Type.Integer(), mean: NullableNumber, share_4_5: NullableNumber }),
});

export type Tile = Type.Static<typeof Tile>;
export type OverviewAnswer = Type.Static<typeof OverviewAnswer>;
export type TrendAnswer = Type.Static<typeof TrendAnswer>;
export type CsatAnswer = Type.Static<typeof CsatAnswer>;
