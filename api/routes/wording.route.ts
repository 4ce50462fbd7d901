import type { FastifyInstance } from 'fastify';
import { checkText, type Detector } from '../../wording/index.ts';

const MAX_TEXTS = 1_000;

/**
 * POST /v1/wording/check — the detector on a list of texts, same shape as `radar wording check`:
 * every hit carries category, rule id, law article / platform rule, matched span and the
 * normalised form; `explain: true` adds the candidates that were not reported and why.
 */
export async function wordingRoutes(app: FastifyInstance, opts: { detector: Detector }): Promise<void> {
  app.post<{ Body: { texts: string[]; refund_policy?: string; sku_category?: string; explain?: boolean } }>(
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
            refund_policy: { type: 'string', maxLength: 64, description: 'Refund policy of the SKU being talked about (judges 七天无理由 claims)' },
            sku_category: { type: 'string', maxLength: 64, description: 'Category of the SKU being talked about (美妆, 食品, 保健食品, 生鲜, 家居…)' },
            explain: { type: 'boolean', description: 'Also return every candidate that was not reported, with the reason (allow-listed word, warning frame, lawful for this SKU…)' },
          },
        },
      },
    },
    async (req) => {
      const { refund_policy: refundPolicy, sku_category: skuCategory, explain } = req.body;
      const context = { ...(refundPolicy ? { refundPolicy } : {}), ...(skuCategory ? { skuCategory } : {}) };
      return { results: req.body.texts.map((t) => checkText(opts.detector, t, context, { explain: explain === true })) };
    },
  );
}
