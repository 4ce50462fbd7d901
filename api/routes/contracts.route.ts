import type { FastifyInstance } from 'fastify';
import { TOPICS, isTopic, jsonSchemas } from '../../contracts/index.ts';

/** The event contracts as JSON Schema, for producers. */
export async function contractRoutes(app: FastifyInstance): Promise<void> {
  const schemas = jsonSchemas();
  app.get('/v1/contracts', { schema: { summary: 'JSON Schema of every event contract', tags: ['contracts'] } }, async () => schemas);
  app.get<{ Params: { topic: string } }>(
    '/v1/contracts/:topic',
    { schema: { summary: 'JSON Schema of one topic', tags: ['contracts'] } },
    async (req, reply) => {
      if (!isTopic(req.params.topic)) {
        return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `unknown topic; topics are: ${TOPICS.join(', ')}` });
      }
      return schemas[req.params.topic];
    },
  );
}
