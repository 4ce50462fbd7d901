import Type from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/roles.ts';
import type { Viewer } from '../../alerts/scope.ts';
import type { AlertFilter } from '../../alerts/store/state-store.ts';
import type { AlertStateName } from '../../alerts/types.ts';
import { principalOf } from '../plugins/auth.plugin.ts';

/** Shared by the alert routes: the token → viewer mapping, common schemas and error replies. */

export function viewerOf(p: Principal): Viewer {
  const id = p.name || p.token_id;
  switch (p.role) {
    case 'category_manager':
      return { role: 'category_manager', categories: p.categories, id };
    case 'host':
      return { role: 'host', hostId: p.host_id ?? '', id };
    case 'producer':
      // The auth hook refuses producers every read; reaching here is a routing bug.
      throw new Error('a producer token reads no alerts');
    default:
      return { role: p.role, id };
  }
}

export function viewerOfRequest(req: FastifyRequest): Viewer {
  return viewerOf(principalOf(req));
}

/** ops and admin only (silences, evaluation history, rule reading). */
export function requireOps(req: FastifyRequest, reply: FastifyReply): Viewer | undefined {
  const viewer = viewerOfRequest(req);
  if (viewer.role === 'admin' || viewer.role === 'ops') return viewer;
  void reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: `needs an ops or admin token; this token's role is ${viewer.role}` });
  return undefined;
}

export function sendError(reply: FastifyReply, status: number, message: string, field?: string) {
  const error = ({ 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' } as Record<number, string>)[status] ?? 'Error';
  return reply.code(status).send({ statusCode: status, error, message, ...(field ? { field } : {}) });
}

export const FingerprintParams = Type.Object(
  { fingerprint: Type.String({ pattern: '^[0-9a-f]{20}$', description: 'Alert fingerprint (rule + subject)' }) },
  { additionalProperties: false },
);

export const CommentBody = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

export const MatcherSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', maxLength: 64, description: 'Label: rule, alertname, severity, sku_id, category, shop_id, host_id, region_code…' }),
    op: Type.Enum(['=', '!=', '=~', '!~']),
    value: Type.String({ maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const SilenceBody = Type.Object(
  {
    matchers: Type.Array(MatcherSchema, { minItems: 1, maxItems: 20 }),
    starts_at: Type.Optional(Type.String({ format: 'date-time', description: 'Default: now' })),
    ends_at: Type.String({ format: 'date-time' }),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type SilenceBodyValue = {
  matchers: Array<{ name: string; op: '=' | '!=' | '=~' | '!~'; value: string }>;
  starts_at?: string;
  ends_at: string;
  comment?: string;
};

/** Comma-separated list in a query parameter → values. */
export function listOf(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  return items.length > 0 ? items : undefined;
}

export const ALERT_STATES = ['pending', 'firing', 'acknowledged', 'resolved', 'inactive'] as const;

/** Filters shared by GET /v1/alerts and GET /v1/alerts/groups. */
export const AlertFilterQuery = {
  state: Type.Optional(Type.String({ pattern: `^(${ALERT_STATES.join('|')})(,(${ALERT_STATES.join('|')}))*$`, description: 'Comma-separated states' })),
  rule: Type.Optional(Type.String({ maxLength: 500, description: 'Comma-separated rule ids' })),
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  shop_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  host_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  sku_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  severity: Type.Optional(Type.Enum(['critical', 'warning', 'info'])),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'Only alerts evaluated or reported since then' })),
};

export interface ListQuery {
  state?: string;
  rule?: string;
  category?: string;
  shop_id?: string;
  host_id?: string;
  sku_id?: string;
  severity?: string;
  since?: string;
}

export function filterOf(q: ListQuery): AlertFilter {
  return {
    ...(q.state ? { states: listOf(q.state) as AlertStateName[] } : {}),
    ...(q.rule ? { rules: listOf(q.rule) ?? [] } : {}),
    ...(q.category ? { category: q.category } : {}),
    ...(q.shop_id ? { shopId: q.shop_id } : {}),
    ...(q.host_id ? { hostId: q.host_id } : {}),
    ...(q.sku_id ? { skuId: q.sku_id } : {}),
    ...(q.severity ? { severity: q.severity } : {}),
    ...(q.since ? { since: Date.parse(q.since) } : {}),
  };
}
