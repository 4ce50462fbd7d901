import type { FastifyRequest } from 'fastify';
import type { AnswerCache } from '../answer-cache.ts';
import { scopeOfRequest } from './kpi.schemas.ts';

/**
 * A KPI route's answer through the answer cache (api/answer-cache.ts), keyed by the matched
 * route, the validated query and the caller's scope; computed directly when there is no cache.
 */
export function cachedAnswer<T>(cache: AnswerCache | undefined, req: FastifyRequest, compute: () => Promise<T>): Promise<T> {
  if (!cache) return compute();
  return cache.answer(req.routeOptions.url ?? req.url, req.query, scopeOfRequest(req), compute);
}
