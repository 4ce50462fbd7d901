import { describe, expect, it } from 'vitest';
import type { Me } from '../api/types.ts';
import { canActOnAlerts, canOpen, canSilence, consoleHost, fixedFilters, homeOf, pagesFor } from './access.ts';

const me = (role: Me['role'], extra: Partial<Me> = {}): Me => ({ token_id: 't', role, categories: [], host_id: null, name: '', ...extra });

describe('what each role is shown', () => {
  it('a host gets their console first and never logistics, SKUs or another host', () => {
    const host = me('host', { host_id: 'H1' });
    expect(homeOf(host)).toBe('console');
    expect(canOpen(host, 'logistics')).toBe(false);
    expect(canOpen(host, 'skus')).toBe(false);
    expect(fixedFilters(host)).toEqual({ host_id: ['H1'] });
    expect(consoleHost(host, 'H2')).toBe('H1');
    expect(canActOnAlerts(host)).toBe(false);
  });

  it('a category manager lands on the SKUs, ops and admin on the overview', () => {
    expect(homeOf(me('category_manager', { categories: ['服饰'] }))).toBe('skus');
    expect(homeOf(me('ops'))).toBe('overview');
    expect(homeOf(me('admin'))).toBe('overview');
  });

  it('a category manager has no host console and acts only on their alerts (the API checks which)', () => {
    const cm = me('category_manager', { categories: ['美妆'] });
    expect(pagesFor('category_manager')).not.toContain('console');
    expect(fixedFilters(cm)).toEqual({ category: ['美妆'] });
    expect(canActOnAlerts(cm)).toBe(true);
    expect(canSilence(cm)).toBe(false);
  });

  it('ops and admin see everything and pick the console host', () => {
    expect(pagesFor('ops')).toContain('console');
    expect(canSilence(me('admin'))).toBe(true);
    expect(consoleHost(me('ops'), 'H2')).toBe('H2');
    expect(consoleHost(me('ops'), undefined)).toBeNull();
    expect(canOpen(me('ops'), 'nonsense')).toBe(false);
  });
});
