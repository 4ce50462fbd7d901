import Type from 'typebox';
import type { FastifyInstance } from 'fastify';
import { TRANSPORT_TYPES } from '../../alerts/delivery/transports/index.ts';
import type { EffectiveConfig } from '../../alerts/rule-config.ts';
import { ChannelSchema, RULE_SCHEMAS } from '../../alerts/rule-schema.ts';
import type { AlertServices } from '../../alerts/runtime.ts';
import { requireOps, sendError, viewerOfRequest } from './alerts.schemas.ts';

const RuleIdParams = Type.Object({ id: Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$' }) }, { additionalProperties: false });

function rulesJson(eff: EffectiveConfig) {
  return eff.config.rules.map((r) => {
    const meta = eff.meta.get(r.id);
    return {
      ...r,
      source: meta?.source ?? 'default',
      updated_by: meta?.updatedBy ?? null,
      updated_at: meta?.updatedAt ? new Date(meta.updatedAt).toISOString() : null,
    };
  });
}

/**
 * Rules and channels as data (config/alerts.default.json + admin edits stored in ClickHouse).
 * Reading rules: ops and admin. Editing rules, and anything about channels (their URLs may
 * carry secrets): admin. Edits reach the engine within its config reload (about a minute).
 */
export async function alertRuleRoutes(app: FastifyInstance, opts: { alerts: AlertServices }): Promise<void> {
  const { config } = opts.alerts;
  const tags = ['alert rules'];

  app.get('/v1/alerts/rules', { schema: { summary: 'Rules in force, with where each comes from (default | override | custom)', tags } }, async (req, reply) => {
    if (!requireOps(req, reply)) return reply;
    const eff = await config.effective(true);
    return { timezone: eff.config.timezone, rules: rulesJson(eff), problems: eff.problems };
  });

  app.get('/v1/alerts/rules/schema', { schema: { summary: 'JSON Schema of each rule kind and of a channel', tags } }, async () => ({
    rules: RULE_SCHEMAS,
    channel: ChannelSchema,
    transports: TRANSPORT_TYPES,
  }));

  app.get<{ Params: { id: string } }>(
    '/v1/alerts/rules/:id',
    { schema: { summary: 'One rule', tags, params: RuleIdParams } },
    async (req, reply) => {
      if (!requireOps(req, reply)) return reply;
      const rule = rulesJson(await config.effective(true)).find((r) => r.id === req.params.id);
      return rule ?? sendError(reply, 404, `rule ${req.params.id} not found`);
    },
  );

  app.put<{ Params: { id: string }; Body: Record<string, unknown> }>(
    '/v1/alerts/rules/:id',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Edit a rule (fields given are merged over it, e.g. {"params":{"ratio":2}}) or create a custom rule of a known kind (whole rule)',
        tags,
        params: RuleIdParams,
        body: Type.Object({}, { additionalProperties: true }),
      },
    },
    async (req, reply) => {
      const viewer = viewerOfRequest(req);
      const checked = await config.putRule(req.params.id, req.body, viewer.id ?? viewer.role);
      if (!checked.ok) return sendError(reply, 400, checked.errors.join('; '), checked.errors[0]?.split(':')[0]?.replace(/^\//, ''));
      return rulesJson(await config.effective()).find((r) => r.id === req.params.id);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/alerts/rules/:id',
    { config: { access: 'admin' }, schema: { summary: 'Drop the edit of a rule: a default rule reverts to the file, a custom rule is removed', tags, params: RuleIdParams } },
    async (req, reply) => {
      const viewer = viewerOfRequest(req);
      const done = await config.resetRule(req.params.id, viewer.id ?? viewer.role);
      return done ? reply.code(204).send() : sendError(reply, 404, `rule ${req.params.id} has no edit to drop`);
    },
  );

  app.get('/v1/alerts/channels', { config: { access: 'admin' }, schema: { summary: 'Webhook channels (URL per audience)', tags } }, async () => ({
    channels: (await config.effective(true)).config.channels,
    transports: TRANSPORT_TYPES,
  }));

  app.put<{ Body: unknown[] }>(
    '/v1/alerts/channels',
    {
      config: { access: 'admin' },
      schema: { summary: 'Replace the webhook channels', tags, body: Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 100 }) },
    },
    async (req, reply) => {
      const viewer = viewerOfRequest(req);
      const checked = await config.putChannels(req.body, viewer.id ?? viewer.role);
      if (!checked.ok) return sendError(reply, 400, checked.errors.join('; '));
      return { channels: checked.value };
    },
  );
}
