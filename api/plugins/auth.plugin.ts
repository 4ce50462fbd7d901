import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal, Role } from '../../auth/roles.ts';
import type { TokenStore } from '../../auth/tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; set on every /v1 route that is not public. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route: 'public', 'read' (any valid token; the default under /v1) or 'admin'. */
    access?: Access;
  }
}

export type Access = 'public' | 'read' | 'admin';

/** Access of routes registered elsewhere, by method and path prefix (first match wins). */
export interface AccessRule {
  method?: string;
  prefix: string;
  access: Access;
}

export interface AuthOptions {
  tokens: TokenStore;
  rules?: AccessRule[];
}

/**
 * Authentication for the whole API, installed on the root instance so it covers every route.
 * Secure by default: everything under /v1 needs a valid token unless marked public; outside
 * /v1 (health, metrics, docs, the dashboard page) is open. Tokens travel as
 * `Authorization: Bearer radar_…`; an EventSource cannot set headers, so a GET that asks for
 * an event stream may carry it as `?access_token=` instead (and only such a request: a token
 * in a URL ends up in proxy logs, so plain requests must use the header).
 */
async function auth(app: FastifyInstance, opts: AuthOptions): Promise<void> {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const access = accessOf(req, opts.rules ?? []);
    if (access === 'public') return;
    const token = presentedToken(req);
    const principal = token ? await opts.tokens.verify(token) : null;
    if (!principal) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="radar"')
        .send({ statusCode: 401, error: 'Unauthorized', message: token ? 'invalid or revoked token' : 'missing bearer token' });
    }
    if (access === 'admin' && principal.role !== 'admin') {
      return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: `needs an admin token; this token's role is ${principal.role}` });
    }
    req.principal = principal;
  });
}

/**
 * Registered with skip-override (what fastify-plugin does), so the hook lands on the instance
 * it is registered on, not in a child context: register it on the root before any route.
 */
export const authPlugin: FastifyPluginAsync<AuthOptions> = Object.assign(auth, { [Symbol.for('skip-override')]: true });

function presentedToken(req: FastifyRequest): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  const wantsStream = req.method === 'GET' && (req.headers.accept ?? '').includes('text/event-stream');
  const q = req.query as { access_token?: unknown } | undefined;
  return wantsStream && typeof q?.access_token === 'string' ? q.access_token : undefined;
}

function accessOf(req: FastifyRequest, rules: AccessRule[]): Access {
  const configured = req.routeOptions.config?.access;
  if (configured) return configured;
  // The matched route's pattern, not the raw URL: no encoding or slash trick can change it.
  // No pattern means no route matched, and the request ends in a 404 anyway.
  const path = req.routeOptions.url;
  if (path === undefined) return 'public';
  for (const r of rules) {
    if ((r.method === undefined || r.method === req.method) && path.startsWith(r.prefix)) return r.access;
  }
  return path.startsWith('/v1/') || path === '/v1' ? 'read' : 'public';
}

/** The principal of a request on a protected route (the hook guarantees it is set). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error('route is not protected: no principal on the request');
  return req.principal;
}

export type { Role };
