import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import { queryRows } from '../warehouse/client.ts';
import { BOOTSTRAP_TOKEN_NAME, ensureBootstrapAdminToken } from './bootstrap.ts';
import { TokenStore } from './tokens.ts';

let tw: TestWarehouse;
let store: TokenStore;

beforeAll(async () => {
  tw = await openTestWarehouse();
  store = new TokenStore(tw.warehouse);
});
afterAll(async () => tw?.close());

describe('API tokens', () => {
  it('issues a token that verifies to its role and scope, and stores only a hash', async () => {
    const { token, info } = await store.create({ role: 'category_manager', categories: ['美妆'], name: 'cm 美妆' });
    expect(token).toMatch(/^radar_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(await store.verify(token)).toEqual({ token_id: info.id, role: 'category_manager', categories: ['美妆'], host_id: null, name: 'cm 美妆' });
    const secret = token.split('_').slice(2).join('_');
    const stored = await queryRows<{ n: string }>(
      tw.warehouse.client,
      'SELECT count() AS n FROM api_tokens WHERE position(secret_hash, {s:String}) > 0 OR position(name, {s:String}) > 0',
      { s: secret },
    );
    expect(Number(stored[0]!.n)).toBe(0);
  });

  it('refuses malformed, unknown and tampered tokens', async () => {
    const { token } = await store.create({ role: 'ops' });
    expect(await store.verify('')).toBeNull();
    expect(await store.verify('radar_0123456789abcdef_' + 'A'.repeat(43))).toBeNull();
    expect(await store.verify(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeNull();
    expect(await store.verify(`${token}x`)).toBeNull();
    expect(await store.verify("radar_' OR 1=1 --")).toBeNull();
  });

  it('revokes a token at once, and lists tokens without secrets', async () => {
    const { token, info } = await store.create({ role: 'host', host_id: 'H1', name: 'host one' });
    expect(await store.verify(token)).not.toBeNull();
    expect(await store.revoke(info.id)).toBe(true);
    expect(await store.verify(token)).toBeNull();
    // Another process (a fresh store, no cache) sees the revocation too.
    expect(await new TokenStore(tw.warehouse).verify(token)).toBeNull();
    expect(await store.revoke(info.id)).toBe(false);
    expect(await store.revoke('ffffffffffffffff')).toBe(false);
    const live = await store.list();
    expect(live.find((t) => t.id === info.id)).toBeUndefined();
    const all = await store.list(true);
    expect(all.find((t) => t.id === info.id)).toMatchObject({ role: 'host', host_id: 'H1', revoked_at: expect.any(String) });
    expect(JSON.stringify(all)).not.toContain('secret');
  });

  it('issues a fresh bootstrap admin token on each start and retires the previous one', async () => {
    const first = await ensureBootstrapAdminToken(tw.warehouse);
    expect((await store.verify(first))?.role).toBe('admin');
    const second = await ensureBootstrapAdminToken(tw.warehouse);
    expect((await new TokenStore(tw.warehouse).verify(first))).toBeNull();
    expect((await store.verify(second))?.role).toBe('admin');
    const live = (await store.list()).filter((t) => t.name === BOOTSTRAP_TOKEN_NAME);
    expect(live).toHaveLength(1);
  });
});
