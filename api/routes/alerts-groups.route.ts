import Type from 'typebox';
import type { FastifyInstance } from 'fastify';
import { ActionError } from '../../alerts/actions.ts';
import { grouperOf } from '../../alerts/grouping.ts';
import { matchLabels } from '../../alerts/lifecycle.ts';
import { alertJson } from '../../alerts/present.ts';
import type { AlertServices } from '../../alerts/runtime.ts';
import { canAct } from '../../alerts/scope.ts';
import { silencedBy } from '../../alerts/silences.ts';
import type { AlertView } from '../../alerts/store/state-store.ts';
import type { AlertStateName } from '../../alerts/types.ts';
import { ALERT_STATES, AlertFilterQuery, CommentBody, filterOf, sendError, viewerOfRequest, type ListQuery } from './alerts.schemas.ts';

/** Most alerts read to build groups; beyond it the answer says `truncated`. */
const MAX_MEMBERS = 5_000;
const OPEN_STATES: AlertStateName[] = ['pending', 'firing', 'acknowledged'];
const GroupKeyParams = Type.Object({ key: Type.String({ pattern: '^[0-9a-f]{24}$', description: 'Group key (rule + groupBy values)' }) }, { additionalProperties: false });

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Alert groups (grouping.ts) for the alert centre: rule → groupBy values → members, in the
 * token's scope (a host sees only its own members, a category manager its categories), and an
 * ack of a whole group. Groups are computed from the alerts at request time with the rules in
 * force, so a groupBy edit shows at once.
 */
export async function alertGroupRoutes(app: FastifyInstance, opts: { alerts: AlertServices }): Promise<void> {
  const { alerts } = opts;

  app.get<{ Querystring: ListQuery }>(
    '/v1/alerts/groups',
    {
      schema: {
        summary: 'Alert groups visible to the token (default: groups with pending, firing or acknowledged members), with counts per state and members',
        tags: ['alerts'],
        querystring: Type.Object(AlertFilterQuery, { additionalProperties: false }),
      },
    },
    async (req) => {
      const viewer = viewerOfRequest(req);
      const filter = filterOf(req.query);
      const list = await alerts.states.list({ ...filter, states: filter.states ?? OPEN_STATES, limit: MAX_MEMBERS }, viewer);
      const rules = await alerts.config.rules();
      const groupOf = grouperOf(rules);
      const titles = new Map(rules.map((r) => [r.id, r]));
      const silences = await alerts.silences.active();
      const now = alerts.clock.now();

      const byKey = new Map<string, { labels: Record<string, string>; members: AlertView[] }>();
      for (const a of list) {
        const ref = groupOf(a);
        const g = byKey.get(ref.key) ?? { labels: ref.labels, members: [] };
        g.members.push(a);
        byKey.set(ref.key, g);
      }
      const groups = [...byKey].map(([key, g]) => {
        const first = g.members[0]!;
        const rule = titles.get(first.rule);
        const counts = Object.fromEntries(ALERT_STATES.map((s) => [s, g.members.filter((m) => m.state === s).length])) as Record<AlertStateName, number>;
        return {
          key,
          rule: first.rule,
          title: rule?.title ?? first.title,
          severity: rule?.severity ?? first.severity,
          labels: g.labels,
          count: g.members.length,
          counts,
          first_at: iso(Math.min(...g.members.map((m) => m.startedAt))),
          last_at: iso(Math.max(...g.members.map((m) => m.lastEvalAt))),
          members: g.members.map((m) => ({ ...alertJson(m, silencedBy(silences, matchLabels(m), now)), group: { key, labels: g.labels } })),
          // What POST /v1/alerts/silences needs to silence exactly this group.
          silence_matchers: [{ name: 'rule', op: '=', value: first.rule }, ...Object.entries(g.labels).map(([name, value]) => ({ name, op: '=', value }))],
        };
      });
      groups.sort((a, b) => Number(b.counts.firing > 0) - Number(a.counts.firing > 0) || (a.last_at < b.last_at ? 1 : a.last_at > b.last_at ? -1 : 0) || (a.key < b.key ? -1 : 1));
      return { groups, truncated: list.length >= MAX_MEMBERS };
    },
  );

  app.post<{ Params: { key: string }; Body: { comment?: string } | undefined }>(
    '/v1/alerts/groups/:key/ack',
    {
      schema: {
        summary: "Acknowledge every firing, unacknowledged member of a group in the token's scope (each through the single-alert ack)",
        tags: ['alerts'],
        params: GroupKeyParams,
        body: Type.Optional(CommentBody),
      },
    },
    async (req, reply) => {
      const viewer = viewerOfRequest(req);
      const groupOf = grouperOf(await alerts.config.rules());
      const inScope = await alerts.states.list({ limit: MAX_MEMBERS }, viewer);
      const members = inScope.filter((a) => groupOf(a).key === req.params.key);
      if (members.length === 0) return sendError(reply, 404, `alert group ${req.params.key} not found`);
      const actable = members.filter((m) => canAct(viewer, m));
      if (actable.length === 0) return sendError(reply, 403, `a ${viewer.role} token cannot change these alerts`);
      const comment = req.body?.comment ?? '';
      let acknowledged = 0;
      for (const m of actable.filter((a) => a.state === 'firing')) {
        try {
          await alerts.actions.acknowledge(m.fingerprint, viewer, comment);
          acknowledged++;
        } catch (err) {
          // Acknowledged or resolved meanwhile (another click, the engine): nothing to do for it.
          if (!(err instanceof ActionError && err.status === 409)) throw err;
        }
      }
      return { acknowledged };
    },
  );
}
