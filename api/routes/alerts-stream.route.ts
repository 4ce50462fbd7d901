import Type from 'typebox';
import type { FastifyInstance } from 'fastify';
import { feedSubscribers } from '../../alerts/alert-metrics.ts';
import { parseStreamId, streamIdOf } from '../../alerts/feed.ts';
import { eventJson } from '../../alerts/present.ts';
import type { AlertServices } from '../../alerts/runtime.ts';
import { canSee } from '../../alerts/scope.ts';
import type { AlertEvent } from '../../alerts/types.ts';
import { listOf, sendError, viewerOfRequest } from './alerts.schemas.ts';

const HEARTBEAT_MS = 15_000;

/**
 * GET /v1/alerts/stream — alert transitions as Server-Sent Events (event `alert`, data = the
 * same JSON as the API and webhooks), for the dashboard feed and the host console.
 *
 * Scope is applied here, per event, from the token: ops/admin get everything, a category
 * manager gets alerts meant for category managers in their categories, a host only alerts meant
 * for hosts about themselves. Silenced transitions are left out unless include_silenced=true.
 * A reconnecting client sends Last-Event-ID and gets what it missed from alert_events.
 *
 * Written on the raw response (not @fastify/sse) so it works whether or not that plugin is
 * registered on the server, and so each frame is flushed as it is written.
 */
export async function alertStreamRoutes(app: FastifyInstance, opts: { alerts: AlertServices; heartbeatMs?: number }): Promise<void> {
  app.get<{ Querystring: { include_silenced?: boolean; rule?: string; last_event_id?: string } }>(
    '/v1/alerts/stream',
    {
      schema: {
        summary: 'Live alert transitions (SSE), scoped by token',
        tags: ['alerts'],
        querystring: Type.Object(
          {
            include_silenced: Type.Optional(Type.Boolean({ default: false })),
            rule: Type.Optional(Type.String({ maxLength: 500, description: 'Comma-separated rule ids' })),
            last_event_id: Type.Optional(Type.String({ maxLength: 100, description: 'Resume after this id (for clients that cannot set Last-Event-ID)' })),
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
      const includeSilenced = req.query.include_silenced ?? false;
      const wanted = (e: AlertEvent) =>
        canSee(viewer, e) && (includeSilenced || e.silencedBy.length === 0) && (!rules || rules.includes(e.rule));

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
      const send = (e: AlertEvent) => write(`id: ${streamIdOf(e)}\nevent: alert\ndata: ${JSON.stringify(eventJson(e))}\n\n`);

      // Subscribe before replaying so nothing stored in between is lost; the id set drops repeats.
      const sent = new Set<string>();
      const queue: AlertEvent[] = [];
      let live = false;
      const unsubscribe = feed.subscribe((e) => {
        if (!wanted(e)) return;
        if (!live) return void queue.push(e);
        // The feed itself never repeats an event; `sent` only holds what the replay already sent.
        if (!sent.has(e.eventId)) send(e);
      });
      feedSubscribers.inc();
      const heartbeat = setInterval(() => write(': keepalive\n\n'), opts.heartbeatMs ?? HEARTBEAT_MS);
      heartbeat.unref();
      req.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        feedSubscribers.dec();
      });

      write('retry: 3000\n\n');
      const resume = parseStreamId((req.headers['last-event-id'] as string | undefined) ?? req.query.last_event_id);
      if (resume) {
        for (const e of await feed.replay(resume)) {
          if (wanted(e) && !sent.has(e.eventId)) {
            sent.add(e.eventId);
            send(e);
          }
        }
      }
      for (const e of queue.splice(0)) {
        if (!sent.has(e.eventId)) {
          sent.add(e.eventId);
          send(e);
        }
      }
      live = true;
      const scope = viewer.role === 'category_manager' ? { categories: viewer.categories } : viewer.role === 'host' ? { host_id: viewer.hostId } : {};
      write(`event: ready\ndata: ${JSON.stringify({ role: viewer.role, scope, include_silenced: includeSilenced })}\n\n`);
    },
  );
}
