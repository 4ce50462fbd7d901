import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AnswerCache } from '../answer-cache.ts';
import { scopeOfRequest } from './kpi.schemas.ts';

/**
 * A KPI route's answer through the answer cache (api/answer-cache.ts), keyed by the matched
 * route, the validated query and the caller's scope; computed directly when there is no cache.
 *
 * The cache keeps the answer serialised (by the route's own response serializer, so the bytes
 * are what the route would send): under 50 dashboards a hit costs one write, not one
 * serialisation of fifteen tiles per request on the thread ingest also needs (bench:load).
 */
export async function cachedAnswer<T>(cache: AnswerCache | undefined, req: FastifyRequest, reply: FastifyReply, compute: () => Promise<T>): Promise<T | FastifyReply> {
  if (!cache) return compute();
  const body = await cache.answer(req.routeOptions.url ?? req.url, req.query, scopeOfRequest(req), async () => reply.serialize(await compute()));
  return reply.type('application/json; charset=utf-8').send(body);
}
