import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal, Role } from '../../auth/roles.ts';
import type { TokenStore } from '../../auth/tokens.ts';
import { FailureWindow } from './failure-window.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; set on every /v1 route that is not public. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route (see Access); the default under /v1 is 'read'. */
    access?: Access;
  }
}

/**
 * public: no token. read: any token that may read (every role but producer). any: any valid
 * token (e.g. /v1/me). ingest: admin or producer. admin: admin only.
 */
export type Access = 'public' | 'read' | 'any' | 'ingest' | 'admin';

/** Access of routes registered elsewhere, by method and path prefix (first match wins). */
export interface AccessRule {
  method?: string;
  prefix: string;
  access: Access;
}

export interface AuthOptions {
  tokens: TokenStore;
  rules?: AccessRule[];
  /**
   * Route patterns of the event streams. Only these take `?access_token=` (an EventSource
   * cannot set headers), and open streams are counted per token against maxStreamsPerToken.
   */
  streamRoutes?: string[];
  maxStreamsPerToken?: number;
  /** Failed authentications per client address per minute before it gets 429s. */
  maxAuthFailuresPerMinute?: number;
}

/**
 * Authentication for the whole API, installed on the root instance so it covers every route.
 * Secure by default: everything under /v1 needs a valid token unless marked public; outside
 * /v1 (health, metrics, docs, the dashboard page) is open. Tokens travel as
 * `Authorization: Bearer radar_…`. A token in a URL ends up in proxy and access logs, so the
 * query-string form is accepted on the stream routes only, and never logged (safeUrl).
 */
async function auth(app: FastifyInstance, opts: AuthOptions): Promise<void> {
  const streams = new Set(opts.streamRoutes ?? []);
  const openStreams = new Map<string, number>();
  const maxStreams = opts.maxStreamsPerToken ?? 10;
  const failures = new FailureWindow(opts.maxAuthFailuresPerMinute ?? 30, 60_000);

  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const access = accessOf(req, opts.rules ?? []);
    if (access === 'public') return;
    // Guessing tokens costs: an address with too many failures waits out the window.
    const wait = failures.blockedForMs(req.ip);
    if (wait > 0) {
      return reply
        .code(429)
        .header('retry-after', String(Math.ceil(wait / 1000)))
        .send({ statusCode: 429, error: 'Too Many Requests', message: 'too many failed authentications from this address; retry later' });
    }
    const isStream = req.routeOptions.url !== undefined && streams.has(req.routeOptions.url);
    const token = presentedToken(req, isStream);
    const principal = token ? await opts.tokens.verify(token) : null;
    if (!principal) {
      if (token) failures.record(req.ip);
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="radar"')
        .send({ statusCode: 401, error: 'Unauthorized', message: token ? 'invalid, expired or revoked token' : 'missing bearer token' });
    }
    const refusal = refusalOf(access, principal.role);
    if (refusal) return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: refusal });
    req.principal = principal;
    if (isStream) {
      const open = openStreams.get(principal.token_id) ?? 0;
      if (open >= maxStreams) {
        return reply.code(429).send({ statusCode: 429, error: 'Too Many Requests', message: `this token has ${open} event streams open (at most ${maxStreams}); close one first` });
      }
      openStreams.set(principal.token_id, open + 1);
      reply.raw.once('close', () => {
        const n = (openStreams.get(principal.token_id) ?? 1) - 1;
        if (n <= 0) openStreams.delete(principal.token_id);
        else openStreams.set(principal.token_id, n);
      });
    }
  });
}

function refusalOf(access: Access, role: Role): string | undefined {
  switch (access) {
    case 'admin':
      return role === 'admin' ? undefined : `needs an admin token; this token's role is ${role}`;
    case 'ingest':
      return role === 'admin' || role === 'producer' ? undefined : `needs a producer or admin token; this token's role is ${role}`;
    case 'read':
      // Least privilege: a producer key leaked from a data pipeline reads nothing.
      return role === 'producer' ? 'a producer token may only ingest events' : undefined;
    default:
      return undefined;
  }
}

/**
 * Registered with skip-override (what fastify-plugin does), so the hook lands on the instance
 * it is registered on, not in a child context: register it on the root before any route.
 */
export const authPlugin: FastifyPluginAsync<AuthOptions> = Object.assign(auth, { [Symbol.for('skip-override')]: true });

function presentedToken(req: FastifyRequest, isStream: boolean): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  if (!isStream || req.method !== 'GET') return undefined;
  const q = req.query as { access_token?: unknown } | undefined;
  return typeof q?.access_token === 'string' ? q.access_token : undefined;
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

/** A request URL fit for a log line or an error message: any token in the query is masked. */
export function safeUrl(url: string): string {
  return url.replace(/([?&](?:access_token|token)=)[^&#]*/gi, '$1[redacted]');
}

/** The principal of a request on a protected route (the hook guarantees it is set). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error('route is not protected: no principal on the request');
  return req.principal;
}

export type { Role };
