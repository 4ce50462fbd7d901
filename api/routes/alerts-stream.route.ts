import Type from 'typebox';
import type { FastifyInstance } from 'fastify';
import { feedSubscribers } from '../../alerts/alert-metrics.ts';
import { groupNotificationJson, groupViewFor } from '../../alerts/delivery/group-json.ts';
import { microsOf, parseStreamId, streamIdOf } from '../../alerts/feed.ts';
import { grouperOf } from '../../alerts/grouping.ts';
import { eventJson } from '../../alerts/present.ts';
import type { AlertServices } from '../../alerts/runtime.ts';
import { canSee } from '../../alerts/scope.ts';
import type { AlertEvent, GroupNotification } from '../../alerts/types.ts';
import { listOf, sendError, viewerOfRequest } from './alerts.schemas.ts';

const HEARTBEAT_MS = 15_000;

/**
 * GET /v1/alerts/stream — alert transitions as Server-Sent Events (event `alert`, data = the
 * same JSON as the API and ungrouped webhooks, plus its `group`), for the dashboard feed and the
 * host console, and group notifications (event `alert_group`, data = the grouped webhook JSON:
 * one event per burst of a group, listing its members). Both by default (`types` picks).
 *
 * Scope is applied here, per event, from the token: ops/admin get everything, a category
 * manager gets alerts meant for category managers in their categories, a host only alerts meant
 * for hosts about themselves; a group event lists only the members in scope and is sent only if
 * one of those changed. Silenced transitions are left out unless include_silenced=true.
 * A reconnecting client sends Last-Event-ID and gets what it missed from alert_events.
 *
 * Written on the raw response (not @fastify/sse) so it works whether or not that plugin is
 * registered on the server, and so each frame is flushed as it is written.
 */
type Item = { type: 'alert'; id: string; micros: number; e: AlertEvent } | { type: 'alert_group'; id: string; micros: number; n: GroupNotification };
const STREAM_TYPES = ['alert', 'alert_group'] as const;
/** An SSE client hears every kind of group change (a webhook channel picks with notifyOn). */
const ALL_CHANGES = ['firing', 'acknowledged', 'resolved', 'repeat'] as const;

const itemOfEvent = (e: AlertEvent): Item => ({ type: 'alert', id: e.eventId, micros: e.recordedAt ? microsOf(e.recordedAt) : 0, e });
const itemOfGroup = (n: GroupNotification): Item => ({ type: 'alert_group', id: n.id, micros: n.recordedAt ? microsOf(n.recordedAt) : 0, n });

export async function alertStreamRoutes(app: FastifyInstance, opts: { alerts: AlertServices; heartbeatMs?: number }): Promise<void> {
  app.get<{ Querystring: { include_silenced?: boolean; rule?: string; last_event_id?: string; types?: string } }>(
    '/v1/alerts/stream',
    {
      schema: {
        summary: 'Live alert transitions (event alert) and group notifications (event alert_group), SSE, scoped by token',
        tags: ['alerts'],
        querystring: Type.Object(
          {
            include_silenced: Type.Optional(Type.Boolean({ default: false, description: 'Per-alert events only: group notifications never list silenced members' })),
            rule: Type.Optional(Type.String({ maxLength: 500, description: 'Comma-separated rule ids' })),
            last_event_id: Type.Optional(Type.String({ maxLength: 100, description: 'Resume after this id (for clients that cannot set Last-Event-ID)' })),
            types: Type.Optional(Type.String({ pattern: '^(alert|alert_group)(,(alert|alert_group))?$', description: 'Event types to send (default both): alert, alert_group' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const feed = opts.alerts.feed;
      if (!feed) return sendError(reply, 409, 'this API process does not run the alert feed');
      const viewer = viewerOfRequest(req);
      const rules = listOf(req.query.rule);
      const types = new Set(listOf(req.query.types) ?? STREAM_TYPES);
      const includeSilenced = req.query.include_silenced ?? false;
      const wantedEvent = (e: AlertEvent) =>
        types.has('alert') && canSee(viewer, e) && (includeSilenced || e.silencedBy.length === 0) && (!rules || rules.includes(e.rule));
      // The members this token may see, if one of them changed (or it is a repeat); else nothing.
      const viewOf = (n: GroupNotification) =>
        types.has('alert_group') && (!rules || rules.includes(n.rule))
          ? groupViewFor(n, (m) => canSee(viewer, { audiences: n.audiences, labels: m.labels }), ALL_CHANGES)
          : undefined;
      // Group refs of per-alert events use the rules in force, re-read with every heartbeat.
      let groupOf = grouperOf(await opts.alerts.config.rules());

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const write = (frame: string) => {
        if (!res.writableEnded) res.write(frame);
      };
      const send = (item: Item) => {
        if (item.type === 'alert') {
          write(`id: ${streamIdOf(item.e)}\nevent: alert\ndata: ${JSON.stringify({ ...eventJson(item.e), group: groupOf(item.e) })}\n\n`);
          return;
        }
        const view = viewOf(item.n);
        if (view) write(`id: ${streamIdOf(item.n)}\nevent: alert_group\ndata: ${JSON.stringify(groupNotificationJson(view))}\n\n`);
      };

      // Subscribe before replaying so nothing stored in between is lost; the id set drops repeats.
      const sent = new Set<string>();
      const queue: Item[] = [];
      let live = false;
      const take = (item: Item) => {
        if (!live) return void queue.push(item);
        // The feed itself never repeats an item; `sent` only holds what the replay already sent.
        if (!sent.has(item.id)) send(item);
      };
      const unsubscribe = feed.subscribe((e) => {
        if (wantedEvent(e)) take(itemOfEvent(e));
      });
      const unsubscribeGroups = feed.subscribeGroups((n) => {
        if (viewOf(n)) take(itemOfGroup(n));
      });
      feedSubscribers.inc();
      const heartbeat = setInterval(() => {
        write(': keepalive\n\n');
        opts.alerts.config.rules().then((r) => (groupOf = grouperOf(r)), () => undefined);
      }, opts.heartbeatMs ?? HEARTBEAT_MS);
      heartbeat.unref();
      req.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        unsubscribeGroups();
        feedSubscribers.dec();
      });

      write('retry: 3000\n\n');
      const resume = parseStreamId((req.headers['last-event-id'] as string | undefined) ?? req.query.last_event_id);
      if (resume) {
        const missed = [
          ...(await feed.replay(resume)).filter(wantedEvent).map(itemOfEvent),
          ...(await feed.replayGroups(resume)).filter((n) => viewOf(n) !== undefined).map(itemOfGroup),
        ].sort((a, b) => a.micros - b.micros);
        for (const item of missed) {
          if (!sent.has(item.id)) {
            sent.add(item.id);
            send(item);
          }
        }
      }
      for (const item of queue.splice(0)) {
        if (!sent.has(item.id)) {
          sent.add(item.id);
          send(item);
        }
      }
      live = true;
      const scope = viewer.role === 'category_manager' ? { categories: viewer.categories } : viewer.role === 'host' ? { host_id: viewer.hostId } : {};
      write(`event: ready\ndata: ${JSON.stringify({ role: viewer.role, scope, include_silenced: includeSilenced, types: [...types] })}\n\n`);
    },
  );
}
