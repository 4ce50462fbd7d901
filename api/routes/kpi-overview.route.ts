import Type from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { AnswerCache } from '../answer-cache.ts';
import { cachedAnswer } from './kpi-cache.ts';
import { previousWindow } from '../../kpi/filters.ts';
import { overview } from '../../kpi/overview.ts';
import { csatPair } from '../../kpi/refund-flow.ts';
import { GRANULARITIES, TIMEZONES, TREND_METRIC_NAMES, TrendRequestError, trend, type Granularity, type TimeZone } from '../../kpi/trends.ts';
import type { Warehouse } from '../../warehouse/client.ts';
import {
  BadRequestError,
  DAY,
  FilterQuery,
  NullableNumber,
  WindowSchema,
  kpiRoute,
  filterOf,
  iso,
  resolveWindow,
  scopeOfRequest,
  type FilterQueryValues,
} from './kpi.schemas.ts';
import { CsatAnswer, OverviewAnswer, TrendAnswer } from '../answers/overview.schemas.ts';

const TrendQuery = Type.Object({
  ...FilterQuery,
  metric: Type.Enum(TREND_METRIC_NAMES, { description: 'The KPI to chart' }),
  granularity: Type.Optional(Type.Enum([...GRANULARITIES], { default: 'hour' })),
  tz: Type.Optional(Type.Enum(Object.keys(TIMEZONES), { default: 'Asia/Shanghai', description: 'Zone of day buckets' })),
});

/** Overview tiles, trends and CSAT (DESIGN §4, §7). */
export async function kpiOverviewRoutes(app: FastifyInstance, opts: { warehouse: Warehouse; cache?: AnswerCache }): Promise<void> {
  const wh = opts.warehouse;

  app.get<{ Querystring: FilterQueryValues }>(
    '/v1/kpi/overview',
    kpiRoute({
      summary: 'KPI tiles of a window (default: last 24 h), each with its previous-period value',
      querystring: Type.Object(FilterQuery),
      answer: OverviewAnswer,
    }),
    async (req, reply) =>
      cachedAnswer(opts.cache, req, reply, async () => {
        const w = resolveWindow(req.query, DAY);
        return overview(wh, w, filterOf(req.query), scopeOfRequest(req));
      }),
  );

  app.get<{ Querystring: FilterQueryValues & { metric: string; granularity?: Granularity; tz?: TimeZone } }>(
    '/v1/kpi/trends',
    kpiRoute({
      summary: 'One KPI per minute / hour / day bucket (default: last 24 h by hour)',
      description:
        'Return rates are per order-date bucket (hour or day). stalled_shipments and pickup_overdue come from the ' +
        'snapshots the KPI job records each run, per platform or category: with shop_id, host_id, live_session_id ' +
        'or sku_id they are a 400 naming that filter (no history is kept at that grain).',
      querystring: TrendQuery,
      answer: TrendAnswer,
    }),
    async (req, reply) =>
      cachedAnswer(opts.cache, req, reply, async () => {
        const w = resolveWindow(req.query, DAY);
        const g = req.query.granularity ?? 'hour';
        try {
          const t = await trend(wh, req.query.metric, w, g, req.query.tz ?? 'Asia/Shanghai', filterOf(req.query), scopeOfRequest(req));
          return { metric: req.query.metric, granularity: g, window: iso(t.window), points: t.points };
        } catch (err) {
          if (err instanceof TrendRequestError) throw new BadRequestError(err.field, err.message);
          throw err;
        }
      }),
  );

  app.get<{ Querystring: FilterQueryValues }>(
    '/v1/kpi/csat',
    kpiRoute({
      summary: 'Satisfaction of refunds rated in the window: mean, share of 4–5, distribution, previous period',
      querystring: Type.Object(FilterQuery),
      answer: CsatAnswer,
    }),
    async (req, reply) =>
      cachedAnswer(opts.cache, req, reply, async () => {
        const w = resolveWindow(req.query, DAY);
        const prev = previousWindow(w);
        const scope = scopeOfRequest(req);
        const filter = filterOf(req.query);
        const { current: cur, previous: old } = await csatPair(wh, w, prev, filter, scope);
        return {
          window: iso(w),
          previous_window: iso(prev),
          ...cur,
          previous: { ratings: old.ratings, mean: old.mean, share_4_5: old.share_4_5 },
        };
      }),
  );
}
