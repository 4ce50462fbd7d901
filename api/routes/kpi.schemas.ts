import Type from 'typebox';
import type { FastifyRequest } from 'fastify';
import { scopeOf } from '../../auth/roles.ts';
import type { KpiFilter, Scope, Window } from '../../kpi/filters.ts';
import type { Page } from '../../kpi/query.ts';
import { DAY_MS, floorMinute } from '../../kpi/time.ts';
import { principalOf } from '../plugins/auth.plugin.ts';
import { NullableNumber, WindowSchema } from '../answers/common.schemas.ts';

export { NullableNumber, WindowSchema };
export { BacklogShipmentRow, BacklogShipmentsAnswer } from '../answers/shipments.schemas.ts';

/**
 * Schemas and request helpers shared by the KPI routes. Every query parameter is declared, so
 * fastify rejects a malformed one with a 400 naming it, and /docs documents it.
 */
const Id = (description: string) => Type.String({ minLength: 1, maxLength: 128, description });

export const FilterQuery = {
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Window start, ISO-8601 with zone (default: `to` minus the default span)' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Window end, exclusive (default: now, floored to the whole minute)' })),
  shop_id: Type.Optional(Id('Only this shop')),
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only this category' })),
  host_id: Type.Optional(Id('Only this host')),
  live_session_id: Type.Optional(Id('Only this live session')),
  sku_id: Type.Optional(Id('Only this SKU (refunds by the SKU refunded; orders, cohorts and shipments by the SKU ordered)')),
};

export const pageQuery = <S extends string>(sorts: readonly S[], defaultSort: S) => ({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Rows per page' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0, description: 'Rows to skip' })),
  sort: Type.Optional(Type.Enum([...sorts], { default: defaultSort, description: 'Column to sort by' })),
  order: Type.Optional(Type.Enum(['asc', 'desc'], { default: 'desc' })),
});

/** Query values of a sorted, paginated table (see pageQuery). */
export interface PageQueryValues<S extends string> {
  limit?: number;
  offset?: number;
  sort?: S;
  order?: string;
}

/** The route options every KPI endpoint shares: its tag, query, answer and error answers. */
export function kpiRoute(o: { summary: string; description?: string; querystring: Type.TSchema; answer: Type.TSchema }) {
  return {
    schema: {
      summary: o.summary,
      ...(o.description === undefined ? {} : { description: o.description }),
      tags: ['kpi'],
      querystring: o.querystring,
      response: { 200: o.answer, ...errorResponses },
    },
  };
}

/** A sorted page of rows (api/answers/tables.schemas.ts). */
export { Paged as pagedSchema } from '../answers/tables.schemas.ts';

export const ErrorSchema = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String({ description: 'The request field at fault' })),
});
/** Error answers every KPI route documents. */
export const errorResponses = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };

/** A 400 naming the field at fault (the server's error handler puts `field` in the body). */
export class BadRequestError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'Bad Request';
  }
}

export const MAX_WINDOW_DAYS = 400;

export interface FilterQueryValues {
  from?: string;
  to?: string;
  shop_id?: string;
  category?: string;
  host_id?: string;
  live_session_id?: string;
  sku_id?: string;
}

/**
 * The request's window. Without `to` it ends at the last whole minute: the level rollups keep
 * hour and minute rows, so a window on whole minutes reads no facts at all (kpi/level-split.ts),
 * and the KPIs only move once a minute anyway (the refresh job's default interval). An explicit
 * `from` inside the current minute still gets a window, up to now.
 */
export function resolveWindow(q: FilterQueryValues, defaultSpanMs: number, now = new Date()): Window {
  const lastMinute = floorMinute(now);
  const to = q.to ? new Date(q.to) : q.from && new Date(q.from).getTime() >= lastMinute.getTime() ? now : lastMinute;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - defaultSpanMs);
  if (!(from.getTime() < to.getTime())) throw new BadRequestError('from', 'must be before `to`');
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw new BadRequestError('from', `the window may span at most ${MAX_WINDOW_DAYS} days`);
  }
  return { from, to };
}

export function filterOf(q: FilterQueryValues): KpiFilter {
  const f: KpiFilter = {};
  if (q.shop_id !== undefined) f.shop_id = q.shop_id;
  if (q.category !== undefined) f.category = q.category;
  if (q.host_id !== undefined) f.host_id = q.host_id;
  if (q.live_session_id !== undefined) f.live_session_id = q.live_session_id;
  if (q.sku_id !== undefined) f.sku_id = q.sku_id;
  return f;
}

export function pageOf<S extends string>(q: PageQueryValues<S>, defaultSort: S): Page {
  return { limit: q.limit ?? 50, offset: q.offset ?? 0, sort: q.sort ?? defaultSort, desc: (q.order ?? 'desc') === 'desc' };
}

/** The scope the server enforces for this caller, whatever the request's filters say. */
export function scopeOfRequest(req: FastifyRequest): Scope {
  return scopeOf(principalOf(req));
}

export const iso = (w: Window) => ({ from: w.from.toISOString(), to: w.to.toISOString() });

export const DAY = DAY_MS;
