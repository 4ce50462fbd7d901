import { describe, expect, it } from 'vitest';
import { TRANSPORT_TYPES } from './delivery/transports/index.ts';
import { RuleConfig, loadRulesFile } from './rule-config.ts';
import { groupPolicyOf } from './grouping.ts';
import { checkConfig, checkRule } from './rule-schema.ts';
import type { ConfigOverride } from './store/config-store.ts';

const defaults = loadRulesFile();

/** In-memory stand-in for the alert_config table. */
function memoryStore() {
  const rows = new Map<string, ConfigOverride>();
  return {
    rows,
    async overrides() {
      return [...rows.values()];
    },
    async put(key: string, body: unknown, by: string, at: number) {
      rows.set(key, { key, body: JSON.parse(JSON.stringify(body)) as unknown, updatedBy: by, updatedAt: at });
    },
    async remove(key: string) {
      rows.delete(key);
    },
  };
}

describe('alert rules as data', () => {
  it('the shipped defaults are valid and name audience and action for every DESIGN §5 rule', () => {
    const ids = defaults.rules.map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining(['high_return_sku', 'regional_shipping_delay', 'merchant_sla', 'stage_bottleneck', 'session_refund_spike', 'risky_host_wording', 'viewer_question_spike']),
    );
    for (const r of defaults.rules) {
      expect(r.audiences.length).toBeGreaterThan(0);
      expect(r.action.length).toBeGreaterThan(0);
    }
    const sku = defaults.rules.find((r) => r.id === 'high_return_sku');
    expect(sku?.kind === 'high_return_sku' && sku.params).toEqual({ windowDays: 7, ratio: 1.5, minOrders: 30, alpha: 0.001 });
    expect(sku?.audiences).toEqual(['category_manager', 'ops']);
  });

  it('rejects bad values with the field named', () => {
    const base = defaults.rules.find((r) => r.id === 'regional_shipping_delay')!;
    const bad = (patch: object) => checkRule({ ...base, ...patch });
    expect(bad({ params: { ...(base.params as object), ratio: 1 } })).toMatchObject({ ok: false, errors: [expect.stringMatching(/^\/params\/ratio/)] });
    expect(bad({ schedule: 'every five minutes' })).toMatchObject({ ok: false, errors: [expect.stringMatching(/^\/schedule/)] });
    expect(bad({ kind: 'nope' })).toMatchObject({ ok: false, errors: [expect.stringMatching(/^\/kind/)] });
    expect(bad({ surprise: 1 })).toMatchObject({ ok: false });
    expect(bad({ audiences: [] })).toMatchObject({ ok: false });
    expect(bad({ pendingWindows: 0 })).toMatchObject({ ok: false });
  });

  it('grouping fields: validated, defaulted when absent (Alertmanager defaults), shipped per rule', () => {
    const base = defaults.rules.find((r) => r.id === 'merchant_sla')!;
    const bad = (patch: object) => checkRule({ ...base, ...patch }).ok;
    expect(bad({ groupBy: ['shop_id', 'category'], groupWaitSeconds: 0, groupIntervalSeconds: 1 })).toBe(true);
    expect(bad({ groupBy: ['shop-id'] })).toBe(false);
    expect(bad({ groupBy: ['a', 'a'] })).toBe(false);
    expect(bad({ groupBy: 'shop_id' })).toBe(false);
    expect(bad({ groupWaitSeconds: 3_601 })).toBe(false);
    expect(bad({ groupIntervalSeconds: 0 })).toBe(false);
    const { groupBy: _b, groupWaitSeconds: _w, groupIntervalSeconds: _i, ...bare } = base;
    expect(groupPolicyOf(bare)).toEqual({ rule: 'merchant_sla', groupBy: [], groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: base.repeatIntervalMinutes * 60_000 });
    const by = Object.fromEntries(defaults.rules.map((r) => [r.id, r.groupBy]));
    expect(by).toMatchObject({ high_return_sku: ['category'], regional_shipping_delay: [], risky_host_wording: ['host_id'], viewer_question_spike: ['host_id'] });
  });

  it('checks channels against the transport registry and ids for duplicates', () => {
    const doc = JSON.parse(JSON.stringify(defaults)) as { rules: unknown[]; channels: unknown[]; timezone: string };
    doc.channels = [{ id: 'ops_hook', type: 'carrier_pigeon', url: 'https://x.example/', audience: 'ops', enabled: true }];
    expect(checkConfig(doc, TRANSPORT_TYPES)).toMatchObject({ ok: false, errors: [expect.stringMatching(/unknown transport/)] });
    doc.channels = [{ id: 'ops_hook', type: 'dingtalk', url: 'https://x.example/', audience: 'ops', enabled: true }];
    doc.rules.push(doc.rules[0]);
    expect(checkConfig(doc, TRANSPORT_TYPES)).toMatchObject({ ok: false, errors: [expect.stringMatching(/duplicate rule id/)] });
  });

  it('admin edits merge over the defaults, are validated, and can be dropped again', async () => {
    const store = memoryStore();
    let now = 1_000;
    const config = new RuleConfig(defaults, store, { now: () => now });
    const edited = await config.putRule('high_return_sku', { params: { ratio: 2 }, enabled: false }, 'admin1');
    expect(edited.ok).toBe(true);
    const rule = await config.rule('high_return_sku');
    expect(rule).toMatchObject({ enabled: false, params: { ratio: 2, minOrders: 30 } });
    expect((await config.effective()).meta.get('high_return_sku')).toMatchObject({ source: 'override', updatedBy: 'admin1' });

    expect((await config.putRule('high_return_sku', { params: { ratio: 0.5 } }, 'admin1')).ok).toBe(false);
    expect((await config.putRule('high_return_sku', { kind: 'merchant_sla' }, 'admin1')).ok).toBe(false);

    // A custom rule: a second threshold of a known kind, e.g. routed to another audience.
    const custom = { ...defaults.rules.find((r) => r.id === 'merchant_sla')!, params: { slaHours: 24, minOverdue: 10, lookbackDays: 30 } };
    expect((await config.putRule('merchant_sla_24h', custom, 'admin1')).ok).toBe(true);
    expect((await config.effective()).meta.get('merchant_sla_24h')?.source).toBe('custom');

    now += 1;
    expect(await config.resetRule('high_return_sku', 'admin1')).toBe(true);
    expect((await config.rule('high_return_sku'))?.enabled).toBe(true);
    expect(await config.resetRule('merchant_sla_24h', 'admin1')).toBe(true);
    expect(await config.rule('merchant_sla_24h')).toBeUndefined();
    expect(await config.resetRule('high_return_sku', 'admin1')).toBe(false);
  });

  it('a stored edit that no longer validates is ignored and reported, not fatal', async () => {
    const store = memoryStore();
    await store.put('rule:merchant_sla', { id: 'merchant_sla', kind: 'merchant_sla' }, 'old', 1);
    const eff = await new RuleConfig(defaults, store, { now: () => 0 }).effective();
    expect(eff.problems[0]).toMatch(/stored rule merchant_sla ignored/);
    expect(eff.config.rules.find((r) => r.id === 'merchant_sla')?.enabled).toBe(true);
  });
});
