import Type from 'typebox';
import type { FastifyInstance } from 'fastify';
import { ActionError } from '../../alerts/actions.ts';
import { matchLabels } from '../../alerts/lifecycle.ts';
import { alertJson, eventJson } from '../../alerts/present.ts';
import type { AlertServices } from '../../alerts/runtime.ts';
import { canSee } from '../../alerts/scope.ts';
import { silencedBy } from '../../alerts/silences.ts';
import { grouperOf } from '../../alerts/grouping.ts';
import { alertGroupRoutes } from './alerts-groups.route.ts';
import { AlertFilterQuery, CommentBody, FingerprintParams, filterOf, listOf, requireOps, sendError, viewerOfRequest, type ListQuery } from './alerts.schemas.ts';

/**
 * The alert API: list / filter (scoped by token), one alert with its history, acknowledge,
 * resolve, and the evaluation history that explains why an alert did or did not fire. Every
 * alert carries its `group` (grouping.ts); the group routes are registered from here so the
 * server wires one plugin.
 */
export async function alertRoutes(app: FastifyInstance, opts: { alerts: AlertServices }): Promise<void> {
  const { alerts } = opts;

  await alertGroupRoutes(app, opts);

  app.get<{ Querystring: ListQuery & { limit?: number; offset?: number } }>(
    '/v1/alerts',
    {
      schema: {
        summary: 'Alerts visible to the token, open ones first (category managers: their categories; hosts: their own)',
        tags: ['alerts'],
        querystring: Type.Object(
          {
            ...AlertFilterQuery,
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const q = req.query;
      const viewer = viewerOfRequest(req);
      const list = await alerts.states.list({ ...filterOf(q), limit: q.limit ?? 100, offset: q.offset ?? 0 }, viewer);
      const silences = await alerts.silences.active();
      const now = alerts.clock.now();
      const group = grouperOf(await alerts.config.rules());
      return {
        alerts: list.map((a) => ({ ...alertJson(a, silencedBy(silences, matchLabels(a), now)), group: group(a) })),
        limit: q.limit ?? 100,
        offset: q.offset ?? 0,
      };
    },
  );

  app.get<{ Params: { fingerprint: string }; Querystring: { history_limit?: number } }>(
    '/v1/alerts/:fingerprint',
    {
      schema: {
        summary: 'One alert with its evidence and full transition history',
        tags: ['alerts'],
        params: FingerprintParams,
        querystring: Type.Object({ history_limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 500 })) }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const viewer = viewerOfRequest(req);
      const [alert] = await alerts.states.list({ fingerprints: [req.params.fingerprint], limit: 1 }, viewer);
      if (!alert || !canSee(viewer, alert)) return sendError(reply, 404, `alert ${req.params.fingerprint} not found`);
      const history = await alerts.events.history(alert.fingerprint, req.query.history_limit ?? 500);
      const silences = await alerts.silences.active();
      const group = grouperOf(await alerts.config.rules())(alert);
      return { alert: { ...alertJson(alert, silencedBy(silences, matchLabels(alert), alerts.clock.now())), group }, history: history.map(eventJson) };
    },
  );

  for (const action of ['ack', 'resolve'] as const) {
    app.post<{ Params: { fingerprint: string }; Body: { comment?: string } | undefined }>(
      `/v1/alerts/:fingerprint/${action}`,
      {
        schema: {
          summary: action === 'ack' ? 'Acknowledge a firing alert (stops repeat notifications)' : 'Resolve an alert by hand (it fires again only after the condition holds anew)',
          tags: ['alerts'],
          params: FingerprintParams,
          body: Type.Optional(CommentBody),
        },
      },
      async (req, reply) => {
        const viewer = viewerOfRequest(req);
        try {
          const comment = req.body?.comment ?? '';
          const event =
            action === 'ack'
              ? await alerts.actions.acknowledge(req.params.fingerprint, viewer, comment)
              : await alerts.actions.resolve(req.params.fingerprint, viewer, comment);
          return { event: eventJson(event) };
        } catch (err) {
          if (err instanceof ActionError) return sendError(reply, err.status, err.message);
          throw err;
        }
      },
    );
  }

  app.get<{ Querystring: { rule?: string; outcome?: 'ok' | 'error'; from?: string; to?: string; limit?: number } }>(
    '/v1/alerts/evaluations',
    {
      schema: {
        summary: 'Evaluation history: every run of every rule, with groups evaluated, outcome, duration, error and near misses (ops, admin)',
        tags: ['alerts'],
        querystring: Type.Object(
          {
            rule: Type.Optional(Type.String({ maxLength: 500, description: 'Comma-separated rule ids' })),
            outcome: Type.Optional(Type.Enum(['ok', 'error'])),
            from: Type.Optional(Type.String({ format: 'date-time', description: 'Window end at or after' })),
            to: Type.Optional(Type.String({ format: 'date-time', description: 'Window end before' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      if (!requireOps(req, reply)) return reply;
      const q = req.query;
      const rows = await alerts.evaluations.list({
        ...(q.rule ? { rules: listOf(q.rule) ?? [] } : {}),
        ...(q.outcome ? { outcome: q.outcome } : {}),
        ...(q.from ? { from: Date.parse(q.from) } : {}),
        ...(q.to ? { to: Date.parse(q.to) } : {}),
        limit: q.limit ?? 100,
      });
      const iso = (ms: number) => new Date(ms).toISOString();
      return {
        evaluations: rows.map((e) => ({
          rule: e.rule,
          window: { from: iso(e.windowStart), to: iso(e.windowEnd) },
          started_at: iso(e.startedAt),
          duration_ms: e.durationMs,
          attempt: e.attempt,
          outcome: e.outcome,
          groups_evaluated: e.groupsEvaluated,
          conditions_met: e.conditionsMet,
          transitions: e.transitions,
          open_alerts: e.openAlerts,
          error: e.error || null,
          near_misses: e.nearMisses,
        })),
      };
    },
  );
}
