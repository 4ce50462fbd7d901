import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostBurstReport, questionSpikeReport, reportGroup } from '../../../alerts/report.ts';
import type { ExternalRule } from '../../../alerts/rule-schema.ts';
import type { Evidence } from '../api/live-types.ts';
import { en } from '../i18n/en.ts';
import { zhCN } from '../i18n/zh-cn.ts';
import { alertAction, alertSummary, alertTitle, formatNumber, humanise, labelRows, numberRows, renderAlert, stateName, TEMPLATED_RULES, type AlertTextInput } from './alert-text.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const defaults = JSON.parse(readFileSync(join(ROOT, 'config/alerts.default.json'), 'utf8')) as { rules: { id: string; kind: string; title: string; action: string }[] };

let tEn: TFunction;
let tZh: TFunction;
beforeAll(async () => {
  const make = async (lng: string) => {
    const i = i18next.createInstance();
    await i.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, fallbackLng: false, interpolation: { escapeValue: false } });
    return i;
  };
  const e = await make('en');
  const z = await make('zh-CN');
  tEn = e.t;
  tZh = z.t;
  exists = (lng, key) => (lng === 'en' ? e : z).exists(key);
});
let exists: (lng: 'en' | 'zh-CN', key: string) => boolean;

const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef「」]/;
const SNAKE = /\b[a-z]+_[a-z0-9_]+\b/;

const window = { from: '2026-11-24T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
const ev = (numbers: Evidence['numbers'], summary: string, action: string, extra: Partial<Evidence> = {}): Evidence => ({ summary, window, numbers, action, drilldown: { dashboard: '/#/alerts' }, ...extra });
const test = { name: 'binomial_exact_one_sided', null_rate: 0.0125, p_value: 0.00012, alpha: 0.01 };
const defaultRule = (id: string) => defaults.rules.find((r) => r.id === id)!;

/** One alert per shipped rule, with the evidence its rule builds (stream rules through the real report code). */
function fixtures(): AlertTextInput[] {
  const r = (id: string, subject: Record<string, string>, labels: Record<string, string>, evidence: Evidence): AlertTextInput => ({ rule: id, title: defaultRule(id).title, subject, labels: { ...labels, ...subject }, evidence });
  const external = (id: string) => ({ ...defaultRule(id), kind: 'external' }) as unknown as ExternalRule;
  const at = Date.parse('2026-12-01T12:00:00Z');
  const burst = reportGroup(external('risky_host_wording'), hostBurstReport({ host_id: 'HOST001', shop_id: 'SHOP01', live_session_id: 'LS1', hits_in_window: 6, window_ms: 600_000, threshold: 5, recent: [{ phrase: '全网最低价', rule_id: 'absolute.lowest_price', occurred_at: '2026-12-01T11:59:00Z', text: '这个面霜绝对是全网最低价' }] }), at);
  const spike = reportGroup(
    external('viewer_question_spike'),
    questionSpikeReport({ session_id: 'LS2', topic: 'after_sales', count: 14, window_comments: 20, share: 0.7, baseline_share: 0.06, baseline_mean: 1.2, baseline_minutes: 30, baseline_comments: 150, prior_source: 'host', prior_share: 0.05, threshold: 8, ratio: 3, p_value: 1e-9, alpha: 0.001, window_start_ms: at - 300_000, window_end_ms: at, host_id: 'HOST002', shop_id: 'SHOP02' }),
    at,
  );
  return [
    r('high_return_sku', { sku_id: 'SKU00049' }, { category: '美妆', shop_id: 'SHOP01' }, ev({ sku_return_rate: 0.25, category_return_rate: 0.08, ratio: 3.13, orders: 120, returns: 30, quality_returns: 12, category_orders: 4000, category_returns: 320, rate_ci95_low: 0.18, rate_ci95_high: 0.33, threshold_ratio: 1.5, min_orders: 30 }, 'SKU00049（美妆）7 日退货率 25.0%…', defaultRule('high_return_sku').action, { test })),
    r('regional_shipping_delay', { region_code: '510000' }, { region: '四川省' }, ev({ region_delay_rate: 0.3, national_delay_rate: 0.05, ratio: 6, due: 200, late: 60, national_due: 9000, national_late: 450, rate_ci95_low: 0.24, rate_ci95_high: 0.37, threshold_ratio: 2, min_due: 50 }, '四川省 近 24 小时物流延误率 30.0%…', defaultRule('regional_shipping_delay').action, { test, window: { from: '2026-11-30T12:00:00.000Z', to: '2026-12-01T12:00:00.000Z' } })),
    r('merchant_sla', { shop_id: 'SHOP07' }, {}, ev({ overdue: 5, waiting: 9, oldest_wait_hours: 71.5, sla_hours: 48, min_overdue: 3 }, '店铺 SHOP07 有 5 笔退款等待商家处理超过 48 小时…', defaultRule('merchant_sla').action)),
    r('stage_bottleneck', { stage: 'transit' }, { stage_name: '退货运输' }, ev({ recent_p90_hours: 60, baseline_p90_hours: 30, ratio: 2, recent_completions: 80, baseline_completions: 700, baseline_from: '2026-11-23T12:00:00.000Z', threshold_ratio: 1.5 }, '「退货运输」环节近 24 小时 P90 为 60 小时…', defaultRule('stage_bottleneck').action, { window: { from: '2026-11-30T12:00:00.000Z', to: '2026-12-01T12:00:00.000Z' } })),
    r('session_refund_spike', { live_session_id: 'LS9' }, { host_id: 'HOST009', shop_id: 'SHOP09' }, ev({ session_refund_rate: 0.4, baseline_refund_rate: 0.1, baseline: 'host', ratio: 4, orders: 50, refunds: 20, baseline_orders: 900, baseline_refunds: 90, baseline_sessions: 6, rate_ci95_low: 0.28, rate_ci95_high: 0.54, threshold_ratio: 2 }, '直播场次 LS9（主播 HOST009）退款率 40.0%…', defaultRule('session_refund_spike').action, { test })),
    { rule: 'risky_host_wording', title: defaultRule('risky_host_wording').title, subject: burst.subject, labels: burst.labels, evidence: burst.evidence },
    { rule: 'viewer_question_spike', title: defaultRule('viewer_question_spike').title, subject: spike.subject, labels: spike.labels, evidence: spike.evidence },
  ];
}

/** The top-level keys of every `numbers: { … }` object literal in a source file. */
function numberKeys(src: string): string[] {
  const out: string[] = [];
  for (const m of src.matchAll(/numbers:\s*\{/g)) {
    let depth = 1;
    let i = m.index + m[0].length;
    let part = '';
    const parts: string[] = [];
    for (; i < src.length && depth > 0; i++) {
      const c = src[i]!;
      if ('{(['.includes(c)) depth++;
      if ('})]'.includes(c)) depth--;
      if (depth === 1 && c === ',') {
        parts.push(part);
        part = '';
      } else if (depth > 0) part += c;
    }
    parts.push(part);
    for (const p of parts) {
      const key = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:/.exec(p)?.[1];
      if (key) out.push(key);
    }
  }
  return out;
}

describe('alert text templates', () => {
  it('every rule of config/alerts.default.json has a title, summary and action in both languages', () => {
    expect(defaults.rules.length).toBeGreaterThan(0);
    for (const rule of defaults.rules) {
      expect(TEMPLATED_RULES, `${rule.id} has no template in alert-text.ts`).toContain(rule.id);
      for (const lng of ['en', 'zh-CN'] as const) {
        for (const key of [`rule.${rule.id}`, `alertText.action.${rule.id}`]) expect(exists(lng, key), `${lng}: ${key}`).toBe(true);
        const summaryKeys = [`alertText.summary.${rule.id}`, `alertText.summary.${rule.id}_short`];
        expect(summaryKeys.some((k) => exists(lng, k)), `${lng}: alertText.summary.${rule.id}`).toBe(true);
      }
      // The shipped zh-CN title and action are what the engine stores, so the renderer can tell them from an operator's own.
      expect(zhCN.rule && (zhCN.rule as Record<string, string>)[rule.id], `${rule.id} title`).toBe(rule.title);
      expect(((zhCN.alertText as Record<string, Record<string, string>>).action ?? {})[rule.id], `${rule.id} action`).toBe(rule.action);
    }
  });

  it('every evidence number a rule stores has a label in both languages', () => {
    // The keys of each `numbers: { … }` literal in the rule and report sources.
    const files = [...readdirSync(join(ROOT, 'alerts/rules')).filter((f) => f.endsWith('.rule.ts')).map((f) => join(ROOT, 'alerts/rules', f)), join(ROOT, 'alerts/report.ts')];
    const keys = new Set<string>();
    for (const f of files) for (const k of numberKeys(readFileSync(f, 'utf8'))) keys.add(k);
    expect(keys.size).toBeGreaterThan(30);
    for (const k of keys) for (const lng of ['en', 'zh-CN'] as const) expect(exists(lng, `alertText.num.${k}`), `${lng}: alertText.num.${k}`).toBe(true);
  });

  it('English: every shipped rule reads as an English sentence, not the stored zh-CN one', () => {
    for (const a of fixtures()) {
      const r = renderAlert(a, tEn, 'en');
      expect(r.summary, a.rule).not.toBe(a.evidence.summary);
      expect(r.summary.startsWith('{{') || r.summary.includes('{{'), r.summary).toBe(false);
      // Only data may be in Chinese (the category 美妆, a quoted phrase): no zh-CN words of ours.
      const withoutData = r.summary.replace('美妆', '').replace(/“[^”]*”/g, '');
      expect(withoutData, a.rule).not.toMatch(CJK);
      expect(r.title, a.rule).not.toMatch(CJK);
      expect(r.action, a.rule).not.toMatch(CJK);
      for (const row of [...r.numbers, ...r.labels]) expect(row.label, `${a.rule}: ${row.key}`).not.toMatch(CJK);
      for (const row of r.numbers) expect(row.value, `${a.rule}: ${row.key}`).not.toMatch(CJK);
      expect(r.test ?? '').not.toMatch(CJK);
    }
  });

  it('zh-CN: no raw topic, evidence key or snake_case label on screen', () => {
    for (const a of fixtures()) {
      const r = renderAlert(a, tZh, 'zh-CN');
      expect(r.summary, a.rule).not.toMatch(SNAKE);
      expect(r.summary).not.toMatch(/after_sales|material|\{\{/);
      for (const row of [...r.numbers, ...r.labels]) {
        expect(row.label, `${a.rule}: ${row.key}`).not.toMatch(SNAKE);
        expect(row.label, `${a.rule}: ${row.key}`).toMatch(CJK);
        expect(row.value, `${a.rule}: ${row.key}`).not.toMatch(SNAKE);
      }
      expect(r.test ?? '').not.toMatch(SNAKE);
    }
  });

  it('fills the templates from the numbers, with units', () => {
    const [sku, region, sla, stage, session, wording, spike] = fixtures().map((a) => ({ en: alertSummary(a, tEn, 'en'), zh: alertSummary(a, tZh, 'zh-CN') }));
    expect(sku!.en).toBe('SKU00049 (美妆): return rate 25.0% over the last 7 days, 3.1× the rest of its category (8.0%); 120 orders, 30 returned, p = 0.0001');
    expect(sku!.zh).toBe('SKU00049（美妆）近 7 天退货率 25.0%，为同类目其他商品 8.0% 的 3.1×；订单 120，退货 30，p=0.0001');
    expect(region!.en).toMatch(/^Sichuan: delay rate 30\.0% over the last 24 h, 6\.0× the rest of the country \(5\.0%\)/);
    expect(region!.zh).toMatch(/^四川省 近 24 小时物流延误率 30\.0%/);
    expect(sla!.en).toBe('Shop SHOP07: 5 refunds waiting for the merchant longer than 48 h (9 waiting in all, oldest 72 h)');
    expect(stage!.en).toBe('Stage “Return transit”: p90 over the last 24 h is 60 h, 2.0× its level over the 7 days before (30 h; 80 completed)');
    expect(stage!.zh).toContain('「退货运输」环节近 24 小时 P90 为 60 小时，是此前 7 天水平 30 小时的 2.0×');
    expect(session!.en).toContain("4.0× host HOST009's earlier sessions (10.0%)");
    expect(wording!.en).toBe('Host HOST001 used risky wording 6 times in 10 min (threshold 5); latest: “全网最低价”');
    expect(spike!.en).toBe('Live session LS2: viewers asked about “After-sales / returns” 14 times in 5 min');
    expect(spike!.zh).toBe('直播场次 LS2：观众 5 分钟内就「售后/退货」提问 14 次');
  });

  it('labels evidence numbers and gives them units; an unknown key reads as words, never snake_case', () => {
    const rows = (lng: 'en' | 'zh-CN') => numberRows(ev({ oldest_wait_hours: 71.5, sku_return_rate: 0.25, ratio: 3.125, baseline: 'platform', brand_new_figure: 3, odd_share: 0.5 }, '', ''), lng === 'en' ? tEn : tZh, lng);
    expect(rows('zh-CN').map((r) => [r.label, r.value])).toEqual([
      ['最久等待', '71.5 小时'],
      ['商品退货率', '25.0%'],
      ['倍数（对比基线）', '3.1×'],
      ['对比基线', '平台同期其他场次'],
      ['Brand new figure', '3'],
      ['Odd share', '50.0%'],
    ]);
    expect(rows('en').map((r) => r.value)).toEqual(['71.5 h', '25.0%', '3.1×', 'other sessions on the platform', '3', '50.0%']);
    expect(humanise('oldest_wait_hours')).toBe('Oldest wait hours');
    expect(formatNumber('baseline_from', '2026-11-23T12:00:00.000Z', tEn, 'en')).toMatch(/^\d\d-\d\d \d\d:\d\d$|^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  });

  it('translates label names and values: topics, stages, regions', () => {
    const zh = labelRows({ live_session_id: 'LS2', topic: 'material', host_id: 'H1' }, tZh);
    expect(zh.map((r) => `${r.label}=${r.value}`)).toEqual(['直播场次=LS2', '话题=材质/面料', '主播=H1']);
    const en2 = labelRows({ region: '四川省', region_code: '510000' }, tEn);
    expect(en2.map((r) => `${r.label}=${r.value}`)).toEqual(['Region code=Sichuan']);
    expect(labelRows({ stage: 'decision', stage_name: '商家审核' }, tEn).map((r) => r.value)).toEqual(['Merchant decision']);
  });

  it('state names and transitions, including the "none" of a first transition', () => {
    expect(stateName('none', tZh)).toBe('新建');
    expect(stateName('firing', tZh)).toBe('触发中');
    expect(stateName('none', tEn)).toBe('new');
    expect(stateName('firing', tEn)).toBe('Firing');
    expect(stateName('some_future_state', tEn)).toBe('Some future state');
  });

  it("keeps an operator's own title and action, and falls back to a generic line for a rule it cannot read", () => {
    const a: AlertTextInput = { rule: 'my_rule', title: '我的规则', subject: { topic: 'price', shop_id: 'S1' }, labels: {}, evidence: ev({ weird: 1 }, '存储的句子', '自定义动作') };
    expect(alertTitle(a, tEn)).toBe('我的规则');
    expect(alertAction(a, tEn)).toBe('自定义动作');
    expect(alertSummary(a, tEn, 'en')).toBe('我的规则: Price / S1');
    // A custom rule of a known kind reads like its kind.
    const custom = { ...fixtures()[2]!, rule: 'merchant_sla_strict', title: 'Strict SLA' };
    expect(alertSummary(custom, tEn, 'en')).toMatch(/^Shop SHOP07: 5 refunds waiting/);
    expect(alertTitle(custom, tEn)).toBe('Strict SLA');
    // Evidence without the numbers a template needs gets the generic line, not a sentence with holes.
    const thin = { ...fixtures()[0]!, evidence: ev({}, 'x', '') };
    expect(alertSummary(thin, tEn, 'en')).toBe('High-return SKU: SKU00049');
  });
});
