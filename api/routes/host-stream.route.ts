import type {} from '@fastify/sse';
import type { FastifyInstance } from 'fastify';
import type { HostReminder, ReminderBus } from '../../realtime/reminders.ts';
import { principalOf } from '../plugins/auth.plugin.ts';

/**
 * GET /v1/host/stream — the host console's live reminders (SSE, event `reminder`).
 *
 * Scope is decided here, on the server: a host token streams only its own host_id (asking for
 * another host is a 403, not an empty stream, so a misconfigured console is noticed); ops and
 * admin may watch one host (`?host_id=`) or all; category managers have no host console.
 */
const RECENT_ON_CONNECT = 20;

export async function hostStreamRoutes(app: FastifyInstance, opts: { bus: ReminderBus }): Promise<void> {
  app.get<{ Querystring: { host_id?: string } }>(
    '/v1/host/stream',
    {
      sse: 'only',
      schema: {
        summary: 'Live wording reminders and viewer-question notices for a host console (SSE)',
        tags: ['host console'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { host_id: { type: 'string', minLength: 1, maxLength: 128 } },
        },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      let hostId: string | undefined;
      if (p.role === 'host') {
        if (req.query.host_id !== undefined && req.query.host_id !== p.host_id) {
          return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: 'a host token streams only its own reminders', field: 'host_id' });
        }
        hostId = p.host_id ?? undefined;
      } else if (p.role === 'category_manager') {
        return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: 'the host console needs a host, ops or admin token' });
      } else {
        hostId = req.query.host_id;
      }
      const filter = (r: HostReminder) => hostId === undefined || r.host_id === hostId;
      const toMessage = (r: HostReminder) => ({ id: r.id, event: 'reminder', data: r });

      reply.sse.keepAlive();
      // A reconnecting console gets what it missed; a console opened mid-session gets the last
      // few reminders, so the host sees what was flagged before the page loaded.
      const missed = reply.sse.lastEventId ? opts.bus.since(reply.sse.lastEventId, filter) : opts.bus.latest(RECENT_ON_CONNECT, filter);
      for (const r of missed) await reply.sse.send(toMessage(r));
      const unsubscribe = opts.bus.subscribe(filter, (r) => {
        if (reply.sse.isConnected) reply.sse.send(toMessage(r)).catch(() => undefined);
      });
      reply.sse.onClose(unsubscribe);
      await reply.sse.send({ event: 'ready', data: { host_id: hostId ?? null } });
    },
  );
}
