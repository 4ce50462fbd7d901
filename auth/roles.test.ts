import { describe, expect, it } from 'vitest';
import { scopeOf, TokenSpecError, validateTokenSpec } from './roles.ts';

describe('token role and scope', () => {
  it('accepts each role with the scope it needs', () => {
    expect(validateTokenSpec({ role: 'admin' })).toEqual({ role: 'admin', categories: [], host_id: null });
    expect(validateTokenSpec({ role: 'ops' })).toEqual({ role: 'ops', categories: [], host_id: null });
    expect(validateTokenSpec({ role: 'category_manager', categories: ['美妆', '美妆', '服饰'] })).toEqual({
      role: 'category_manager',
      categories: ['美妆', '服饰'],
      host_id: null,
    });
    expect(validateTokenSpec({ role: 'host', host_id: 'H1' })).toEqual({ role: 'host', categories: [], host_id: 'H1' });
  });

  it.each([
    [{ role: 'root' }, 'role'],
    [{ role: 'category_manager' }, 'categories'],
    [{ role: 'category_manager', categories: ['美妆'], host_id: 'H1' }, 'host_id'],
    [{ role: 'host' }, 'host_id'],
    [{ role: 'host', host_id: 'H 1' }, 'host_id'],
    [{ role: 'host', host_id: 'H1', categories: ['美妆'] }, 'categories'],
    [{ role: 'ops', categories: ['美妆'] }, 'categories'],
    [{ role: 'admin', host_id: 'H1' }, 'host_id'],
  ])('rejects %j naming %s', (spec, field) => {
    let err: unknown;
    try {
      validateTokenSpec(spec);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TokenSpecError);
    expect((err as TokenSpecError).field).toBe(field);
  });

  it('maps a principal to the KPI scope the server enforces', () => {
    const base = { token_id: 't', name: '' };
    expect(scopeOf({ ...base, role: 'ops', categories: [], host_id: null })).toEqual({});
    expect(scopeOf({ ...base, role: 'category_manager', categories: ['美妆'], host_id: null })).toEqual({ categories: ['美妆'] });
    expect(scopeOf({ ...base, role: 'host', categories: [], host_id: 'H1' })).toEqual({ host_id: 'H1' });
  });
});
