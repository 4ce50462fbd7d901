import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDetector, loadLexicon } from '../../wording/index.ts';
import { wordingRoutes } from './wording.route.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  await app.register(wordingRoutes, { detector: createDetector(loadLexicon()) });
  await app.ready();
});
afterAll(async () => app.close());

const check = (body: object) => app.inject({ method: 'POST', url: '/v1/wording/check', payload: body });

describe('POST /v1/wording/check', () => {
  it('explains every hit: category, rule, law article, span as said, normalised form', async () => {
    const res = await check({ texts: ['宝宝们加 V 私聊', '國宴同款的茶'] });
    expect(res.statusCode).toBe(200);
    const [first, second] = res.json().results;
    expect(first.hits[0]).toMatchObject({ matched: '加 V', normalized: '加微信', category: 'diversion', rule_id: 'diversion.messenger', via: 'text' });
    expect(first.hits[0].basis).toMatch(/导流/);
    expect(first.suppressed).toBeUndefined();
    expect(second.hits[0]).toMatchObject({ matched: '國宴同款', normalized: '国宴同款', category: 'state_endorsement' });
    expect(second.hits[0].basis).toMatch(/广告法 第9条第\(2\)项/);
  });

  it('with explain: true also lists the allow-listed and lawful non-hits and why', async () => {
    const res = await check({ texts: ['今天最低气温零下五度', '生鲜不支持七天无理由，坏果包赔'], refund_policy: 'quality_only', explain: true });
    const [weather, fresh] = res.json().results;
    expect(weather.hits).toEqual([]);
    expect(weather.suppressed).toContainEqual(expect.objectContaining({ term: '最低', reason: 'allow_word', detail: expect.stringContaining('最低气温') }));
    expect(fresh.hits).toEqual([]);
    expect(fresh.suppressed.map((s: { reason: string }) => s.reason)).toContain('refund_policy');
  });

  it('passes the SKU category: 杀菌 is lawful for 家居, a claim for 美妆', async () => {
    const home = (await check({ texts: ['高温杀菌'], sku_category: '家居' })).json().results[0];
    const beauty = (await check({ texts: ['高温杀菌'], sku_category: '美妆' })).json().results[0];
    expect(home.hits).toEqual([]);
    expect(beauty.hits.map((h: { rule_id: string }) => h.rule_id)).toEqual(['medical.antibacterial']);
  });

  it('rejects a bad request with a 400 that says what is wrong', async () => {
    const res = await check({ texts: ['x'], explain: 'yes' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/explain/);
    expect((await check({ text: 'x' })).statusCode).toBe(400);
  });
});
