import type { FastifyInstance } from 'fastify';
import { checkText, type Detector } from '../../wording/index.ts';

const MAX_TEXTS = 1_000;

/** POST /v1/wording/check — the detector on a list of texts, same shape as `radar wording check`. */
export async function wordingRoutes(app: FastifyInstance, opts: { detector: Detector }): Promise<void> {
  app.post<{ Body: { texts: string[]; refund_policy?: string } }>(
    '/v1/wording/check',
    {
      schema: {
        summary: 'Check texts for risky host wording',
        tags: ['wording'],
        body: {
          type: 'object',
          required: ['texts'],
          additionalProperties: false,
          properties: {
            texts: { type: 'array', maxItems: MAX_TEXTS, items: { type: 'string', maxLength: 4000 } },
            refund_policy: { type: 'string', maxLength: 64, description: 'Refund policy of the SKU being talked about' },
          },
        },
      },
    },
    async (req) => {
      const context = req.body.refund_policy ? { refundPolicy: req.body.refund_policy } : undefined;
      return { results: req.body.texts.map((t) => checkText(opts.detector, t, context)) };
    },
  );
}
