import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiFixture, type ApiFixture } from '../../test/api/kpi-api.fixture.ts';

// Issue #20: limit=1e309 / Infinity passed validation and came back as a 503; a JSON body
// nested 100,000 deep answered 503 "Maximum call stack size exceeded".

let f: ApiFixture;
beforeAll(async () => {
  f = await openApiFixture();
}, 120_000);
afterAll(async () => {
  await f?.close();
});

const get = (url: string) => f.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${f.tokens.admin}` } });
const postJson = (url: string, payload: string) =>
  f.app.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${f.tokens.admin}`, 'content-type': 'application/json' } });

describe('numbers and sizes bounded at the edge', () => {
  it.each(['1e309', 'Infinity', '-Infinity', 'NaN', '1e2', '0x10', '1.5', ' ', '9999999999999999999'])('limit=%s is a 400 naming the field', async (v) => {
    const res = await get(`/v1/kpi/return-rates?limit=${encodeURIComponent(v)}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, field: 'limit' });
    expect(res.json().message).toMatch(/^querystring\/limit /);
  });

  it('names the range, and still accepts plain numbers inside it', async () => {
    const over = await get('/v1/kpi/return-rates?offset=1e309');
    expect(over.statusCode).toBe(400);
    expect(over.json().field).toBe('offset');
    const big = await get('/v1/kpi/return-rates?limit=501');
    expect(big.statusCode).toBe(400);
    expect(big.json().message).toContain('between 1 and 500');
    const ok = await get('/v1/kpi/return-rates?limit=20&offset=0&min_orders=1');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().limit).toBe(20);
  });

  it('answers 400 for a JSON body nested 100,000 deep, with a non-finite number or a __proto__ key', async () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const res = await postJson('/v1/wording/check', deep);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toMatch(/nested deeper than 64 levels/);
    const inf = await postJson('/v1/wording/check', '{"text":"x","n":1e309}');
    expect(inf.statusCode).toBe(400);
    expect(inf.json().message).toMatch(/\/n: number out of range/);
    const proto = await postJson('/v1/wording/check', '{"text":"x","__proto__":{"admin":true}}');
    expect(proto.statusCode).toBe(400);
    const fine = await postJson('/v1/wording/check', '{"texts":["全网最低价"]}');
    expect(fine.statusCode, fine.body).toBe(200);
  });
});
