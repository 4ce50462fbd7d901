import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { fastifySSE } from '@fastify/sse';
import { ReminderBus } from '../realtime/reminders.ts';
import { createDetector, loadLexicon, type Detector } from '../wording/index.ts';
import { hostStreamRoutes } from './routes/host-stream.route.ts';
import { sessionRoutes } from './routes/session.route.ts';
import { wordingRoutes } from './routes/wording.route.ts';
import type { IngestPipeline } from '../ingest/pipeline.ts';
import type { KpiHealthLimits } from '../kpi/health.ts';
import type { Logger } from '../observability/logger.ts';
import type { Warehouse } from '../warehouse/client.ts';
import { contractRoutes } from './routes/contracts.route.ts';
import { dashboardRoutes } from './routes/dashboard.route.ts';
import { healthRoutes } from './routes/health.route.ts';
import { ingestRoutes } from './routes/ingest.route.ts';
import { metricsRoutes } from './routes/metrics.route.ts';
import { statsRoutes } from './routes/stats.route.ts';
import { TokenStore } from '../auth/tokens.ts';
import rateLimit from '@fastify/rate-limit';
import { dataAsOf } from '../kpi/freshness.ts';
import { AnswerCache } from './answer-cache.ts';
import { authPlugin, safeUrl } from './plugins/auth.plugin.ts';
import { boundedInputPlugin } from './plugins/bounded-input.plugin.ts';
import { kpiOverviewRoutes } from './routes/kpi-overview.route.ts';
import { kpiRefundRoutes } from './routes/kpi-refunds.route.ts';
import { kpiReturnRoutes } from './routes/kpi-returns.route.ts';
import { ruleLookupOf } from './rule-numbers.ts';
import { tokenRoutes } from './routes/tokens.route.ts';
import { traceRoutes } from './routes/trace.route.ts';
import type { AlertServices } from '../alerts/runtime.ts';
import { regionVerdictParams } from '../alerts/rules/regional-delay.rule.ts';
import { loadRulesFile } from '../alerts/rule-config.ts';
import { DEFAULT_REGION_VERDICT } from '../kpi/logistics.ts';
import { alertRuleRoutes } from './routes/alerts-rules.route.ts';
import { alertSilenceRoutes } from './routes/alerts-silences.route.ts';
import { alertStreamRoutes } from './routes/alerts-stream.route.ts';
import { alertRoutes } from './routes/alerts.route.ts';

export interface ApiDeps {
  warehouse: Warehouse;
  pipeline: IngestPipeline;
  log: Logger;
  ingestMaxBodyBytes: number;
  /** API tokens (DESIGN §8); by default stored in the same warehouse. */
  tokens?: TokenStore;
  /** Host reminders from the stream rules (in-process); a fresh, silent bus when omitted. */
  bus?: ReminderBus;
  /** The wording detector for POST /v1/wording/check; the default lexicon when omitted. */
  detector?: Detector;
  /** Alerting (alerts/runtime.ts): the alert API and SSE stream are served when present. */
  alerts?: AlertServices;
  /** Abuse limits (defaults in DEFAULT_LIMITS). */
  limits?: Partial<ApiLimits>;
  /** When /healthz calls the KPI job degraded (kpi/health.ts defaults when omitted). */
  kpiHealth?: KpiHealthLimits;
}

export interface ApiLimits {
  /** Failed authentications per client address per minute, then 429 until the minute ends. */
  authFailuresPerMinute: number;
  /** Expensive reads (KPIs, trace, sessions, stats) per token per minute. */
  readsPerTokenPerMinute: number;
  /** Event streams (SSE) one token may hold open. */
  streamsPerToken: number;
  /** KPI answers computed at once (api/answer-cache.ts); 0 turns the answer cache off. */
  kpiReadsAtOnce: number;
}

export const DEFAULT_LIMITS: ApiLimits = { authFailuresPerMinute: 30, readsPerTokenPerMinute: 1200, streamsPerToken: 10, kpiReadsAtOnce: 2 };

/** Routes whose answers cost the warehouse a query: rate-limited per token. */
const EXPENSIVE_READ = /^\/v1\/(kpi|orders|sessions|stats)(\/|$)/;

export type ApiServer = Awaited<ReturnType<typeof buildServer>>;

export async function buildServer(deps: ApiDeps) {
  // Per-request access lines at info would drown the logs; errors still log through req.log.
  // Ids may have 128 characters (contracts/common.ts): path parameters must fit them, so an
  // over-long id gets the route's 400 naming the field rather than the router's 414.
  const app = Fastify({ loggerInstance: deps.log.child({ role: 'api' }, { level: 'warn' }), routerOptions: { maxParamLength: 256 } });

  // Before any route: every /v1 route needs a token unless public (see plugins/auth.plugin.ts).
  const tokens = deps.tokens ?? new TokenStore(deps.warehouse);
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  await app.register(authPlugin, {
    tokens,
    rules: [
      { method: 'POST', prefix: '/v1/events/', access: 'ingest' },
      { prefix: '/v1/contracts', access: 'public' },
    ],
    // The only routes that take ?access_token= (EventSource cannot send headers).
    streamRoutes: ['/v1/alerts/stream', '/v1/host/stream'],
    maxStreamsPerToken: limits.streamsPerToken,
    maxAuthFailuresPerMinute: limits.authFailuresPerMinute,
  });
  // Per token, after authentication (preHandler): one token's dashboard cannot starve the others.
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    max: limits.readsPerTokenPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => req.principal?.token_id ?? req.ip,
    allowList: (req) => !req.principal || req.method !== 'GET' || !EXPENSIVE_READ.test(req.routeOptions.url ?? ''),
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `this token made more than ${ctx.max} KPI/trace reads in a minute; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
    }),
  });
  // nosniff everywhere; the dashboard adds its page policy (routes/dashboard.route.ts).
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });

  // Before any route: numeric query values and JSON bodies bounded (plugins/bounded-input.plugin.ts).
  await app.register(boundedInputPlugin);

  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown; field?: string }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (status === 429) return reply.code(429).send(err);
    if (status === 413) {
      return reply.code(413).send({
        statusCode: 413,
        error: 'Payload Too Large',
        message: `body exceeds ${deps.ingestMaxBodyBytes} bytes (RADAR_INGEST_MAX_BODY_BYTES); split it into smaller batches`,
      });
    }
    if (status >= 500) {
      // Never the raw URL: a stream's ?access_token= would land in the log.
      req.log.error({ err, method: req.method, url: safeUrl(req.url) }, 'request failed');
      // A failed insert is the warehouse's trouble, not the client's: nothing was acknowledged.
      return reply.code(503).send({
        statusCode: 503,
        error: 'Service Unavailable',
        message: `could not complete the request (${err.message}); nothing was acknowledged, retry later`,
      });
    }
    const field = err.field ?? validationField(err.validation);
    return reply.code(status).send({ statusCode: status, error: err.name, message: err.message, ...(field ? { field } : {}) });
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Aftersales Radar API (售后雷达)', version: '0.1.0', description: 'Refund and after-sales analytics for live commerce' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'radar_… token (radar token create)' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  // Heartbeats every 15 s keep idle streams open through proxies that cut silent connections.
  await app.register(fastifySSE, { heartbeatInterval: 15_000 });

  await app.register(healthRoutes, { warehouse: deps.warehouse, startedAt: Date.now(), kpiHealth: deps.kpiHealth });
  await app.register(metricsRoutes);
  await app.register(contractRoutes);
  await app.register(sessionRoutes, { warehouse: deps.warehouse });
  await app.register(hostStreamRoutes, { bus: deps.bus ?? new ReminderBus() });
  await app.register(wordingRoutes, { detector: deps.detector ?? createDetector(loadLexicon()) });
  await app.register(statsRoutes, { warehouse: deps.warehouse });
  await app.register(ingestRoutes, { pipeline: deps.pipeline, bodyLimit: deps.ingestMaxBodyBytes });
  // One cache for every KPI route: the bound on heavy reads is for the process, not per route.
  const cache =
    limits.kpiReadsAtOnce > 0
      ? new AnswerCache({ watermark: () => dataAsOf(deps.warehouse), maxConcurrent: limits.kpiReadsAtOnce * (deps.warehouse.mode === 'server' ? 4 : 1) })
      : undefined;
  const kpiOpts = { warehouse: deps.warehouse, ...(cache ? { cache } : {}) };
  await app.register(kpiOverviewRoutes, kpiOpts);
  const rules = ruleLookupOf(deps.alerts);
  await app.register(kpiRefundRoutes, { ...kpiOpts, rules });
  // Region rows are judged with the regional-delay rule's test, with its current parameters.
  // Without alerting in this process, the shipped rule file's parameters.
  const alerting = deps.alerts;
  const shipped = regionVerdictParams(loadRulesFile().rules) ?? DEFAULT_REGION_VERDICT;
  const regionVerdict = async () => (alerting ? regionVerdictParams(await alerting.config.rules()) ?? shipped : shipped);
  await app.register(kpiReturnRoutes, { ...kpiOpts, rules, regionVerdict });
  await app.register(traceRoutes, { warehouse: deps.warehouse });
  await app.register(tokenRoutes, { tokens });
  if (deps.alerts) {
    for (const routes of [alertRoutes, alertSilenceRoutes, alertRuleRoutes, alertStreamRoutes]) await app.register(routes, { alerts: deps.alerts });
  }

  // Last: the built dashboard at / with SPA fallback for every other path outside the API.
  await app.register(dashboardRoutes);
  return app;
}

/** The request field a schema validation error is about, e.g. "limit" or "from". */
function validationField(validation: unknown): string | undefined {
  if (!Array.isArray(validation) || validation.length === 0) return undefined;
  const first = validation[0] as { instancePath?: string; params?: { missingProperty?: string; additionalProperty?: string } };
  const path = (first.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  return path || first.params?.missingProperty || first.params?.additionalProperty || undefined;
}
