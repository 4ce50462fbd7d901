import type { FastifyInstance } from 'fastify';
import { TOPICS, isTopic } from '../../contracts/index.ts';
import type { IngestPipeline } from '../../ingest/pipeline.ts';
import { parseIngestBody } from '../../ingest/http-body.ts';
import type { IngestReport } from '../../ingest/outcomes.ts';

export interface IngestRouteOptions {
  pipeline: IngestPipeline;
  bodyLimit: number;
}

/**
 * POST /v1/events/:topic — a JSON array or NDJSON. The answer is sent only after the accepted
 * rows are in ClickHouse and the rejected ones in the dead-letter table, so a 200 means durable.
 */
export async function ingestRoutes(app: FastifyInstance, opts: IngestRouteOptions): Promise<void> {
  // Ingest bodies are validated line by line by the contracts, not by fastify's JSON parser,
  // so one bad line cannot turn a whole batch into a 400.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: opts.bodyLimit }, (_req, body, done) => done(null, body));

  app.post<{ Params: { topic: string } }>(
    '/v1/events/:topic',
    {
      bodyLimit: opts.bodyLimit,
      schema: {
        summary: 'Ingest events of one topic (JSON array or NDJSON)',
        tags: ['ingest'],
        params: { type: 'object', properties: { topic: { type: 'string', enum: [...TOPICS] } }, required: ['topic'] },
      },
      // The params schema would answer 400 for an unknown topic; the contract says 404.
      preValidation: async (req, reply) => {
        if (!isTopic(req.params.topic)) {
          return reply.code(404).send({
            statusCode: 404,
            error: 'Not Found',
            message: `unknown topic "${req.params.topic}"; topics are: ${TOPICS.join(', ')}`,
          });
        }
      },
    },
    async (req, reply) => {
      const topic = req.params.topic;
      if (!isTopic(topic)) throw new Error('unreachable: topic checked in preValidation');
      const body = typeof req.body === 'string' ? req.body : '';
      const parsed = parseIngestBody(body);

      if (parsed.kind === 'invalid') {
        if (body.trim() !== '') {
          await opts.pipeline.deadLetter([{ topic, source: 'http', raw: body, reason: parsed.reason, errors: [parsed.reason] }]);
        }
        return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: parsed.reason });
      }

      let report: IngestReport;
      let lineNumbers: number[] | undefined;
      if (parsed.kind === 'array') {
        report = await opts.pipeline.ingestValues(topic, parsed.values, 'http');
      } else {
        lineNumbers = parsed.lineNumbers;
        report = await opts.pipeline.ingestLines(topic, parsed.lines, 'http');
      }
      const total = report.accepted + report.rejected.length;
      const rejected = report.rejected.map((r) => ({ ...r, line: lineNumbers ? lineNumbers[r.line - 1]! : r.line }));
      const answer = { topic, received: total, accepted: report.accepted, rejected: rejected.length, rejections: rejected };

      const nothingParsed = report.accepted === 0 && rejected.length > 0 && rejected.every((r) => r.reason.startsWith('not valid JSON'));
      if (total === 0 || nothingParsed) {
        return reply.code(400).send({
          statusCode: 400,
          error: 'Bad Request',
          message: total === 0 ? 'no events in body' : 'no line of the body is valid JSON',
          ...answer,
        });
      }
      return reply.code(report.accepted === 0 ? 422 : 200).send(answer);
    },
  );
}
