import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDetector } from './detector.ts';
import { CATEGORIES, LexiconError, loadLexicon, loadLexiconFile, parseLexicon } from './lexicon.ts';

const term = { term: '最好', category: 'absolute_claim', rule_id: 'absolute.superlative', severity: 'high', alternative: '很好用' };
const minimal = (terms: unknown[], extra: Record<string, unknown> = {}): unknown => ({
  version: 1, locale: 'zh-CN', negation_window: 12, terms, allow: [], negation_frames: [], frame_breakers: [], ...extra,
});
const errorOf = (raw: unknown): string => {
  try {
    parseLexicon(raw, 'test.json');
  } catch (err) {
    expect(err).toBeInstanceOf(LexiconError);
    return (err as Error).message;
  }
  throw new Error('expected a LexiconError');
};

describe('default lexicon', () => {
  const lexicon = loadLexicon();

  it('is a serious default: ≥600 terms, every category well covered, every term sourced', () => {
    expect(lexicon.terms.length).toBeGreaterThanOrEqual(600);
    const sources = new Set(lexicon.sources.map((s) => s.id));
    for (const t of lexicon.terms) {
      expect(sources.has(t.source), `${t.term}: source ${t.source}`).toBe(true);
      expect(t.basis.length, `${t.term}: basis`).toBeGreaterThan(4);
    }
    for (const p of lexicon.proximity) expect(sources.has(p.source), p.rule_id).toBe(true);
    // Terms, plus the phrases of proximity rules (别家…假货 counts its parts).
    const sizes = Object.fromEntries(CATEGORIES.map((c) => [c, lexicon.terms.filter((t) => t.category === c).length +
      lexicon.proximity.filter((p) => p.category === c).reduce((n, p) => n + p.first.length + p.then.length, 0)]));
    console.log('lexicon terms per category', sizes, 'allow', lexicon.allow.length, 'frames',
      lexicon.negation_frames.reduce((n, f) => n + f.patterns.length, 0), 'breakers', lexicon.frame_breakers.length);
    for (const c of CATEGORIES) expect(sizes[c]).toBeGreaterThanOrEqual(20);
  });

  it('covers the words the spec names', () => {
    const terms = new Set(lexicon.terms.map((t) => t.term));
    for (const w of ['最好', '最低价', '全网最低', '第一', '绝对', '100%', '国家级', '顶级', '万能', '史无前例', '治疗', '治愈', '根治', '消炎',
      '抗癌', '降血压', '药用', '祛斑', '保证有效', '无效退款', '包治', '一定能瘦', '加微信', '私聊下单', '私下转账', '加我', '假一赔十', '终身保修',
      '不满意随便退', '不支持七天无理由',
      // issue #16: categories the first lexicon missed
      '领导品牌', '领袖品牌', '行业龙头', '政府推荐', '国宴同款', '彻底治好', '保过', '包教包会', '招财', '转运', '辟邪', '旺夫', '点击领奖',
      '全民免单', '吊打', '亏本卖', '错过今天再等一年', 'v我', '扣扣', '私我发']) {
      expect(terms.has(w), w).toBe(true);
    }
  });
});

describe('lexicon loader errors name the bad entry', () => {
  it('bad severity', () => {
    expect(errorOf(minimal([term, { ...term, term: '最佳', severity: 'hgih' }]))).toMatch(/test\.json: terms\[1\] \("最佳"\): severity must be one of low\|medium\|high, got "hgih"/);
  });
  it('unknown category', () => {
    expect(errorOf(minimal([{ ...term, category: 'absolute' }]))).toMatch(/terms\[0\] \("最好"\): category must be one of/);
  });
  it('misspelt field', () => {
    expect(errorOf(minimal([{ ...term, severty: 'high' }]))).toMatch(/terms\[0\] \("最好"\): unknown field "severty"/);
  });
  it('missing alternative', () => {
    const { alternative: _dropped, ...noAlt } = term;
    expect(errorOf(minimal([noAlt]))).toMatch(/terms\[0\] \("最好"\): alternative/);
  });
  it('malformed rule id', () => {
    expect(errorOf(minimal([{ ...term, rule_id: 'Absolute Superlative' }]))).toMatch(/terms\[0\] \("最好"\): rule_id/);
  });
  it('term that normalises to nothing', () => {
    expect(errorOf(minimal([{ ...term, term: '！！🔥' }]))).toMatch(/terms\[0\] \("！！🔥"\): term "！！🔥" is empty after normalisation/);
  });
  it('duplicates after normalisation', () => {
    expect(errorOf(minimal([term, { ...term, term: '最 好' }]))).toMatch(/term "最 好" \(absolute\.superlative\) duplicates "最好" \(absolute\.superlative\) after normalisation/);
  });
  it('allow word identical to a term', () => {
    expect(errorOf(minimal([term], { allow: ['最好'] }))).toMatch(/allow\[0\] \("最好"\) is identical to term "最好"/);
  });
  it('block entries name the block and the term', () => {
    const block = { source: 'law', basis: '广告法 第9条', category: 'absolute_claim', rule_id: 'absolute.x', severity: 'high', alternative: '很好' };
    const raw = minimal([], { sources: [{ id: 'law', title: '广告法' }], blocks: [{ ...block, terms: ['最好', { term: '最佳', severity: 'hgih' }] }] });
    expect(errorOf(raw)).toMatch(/blocks\[0\] \(absolute\.x\): terms\[1\]: severity must be one of/);
    expect(errorOf(minimal([], { sources: [{ id: 'law', title: '广告法' }], blocks: [{ ...block, source: 'lwa', terms: ['最好'] }] }))).toMatch(/term "最好": source "lwa" is not in sources/);
    expect(errorOf(minimal([], { blocks: [{ ...block, terms: [] }] }))).toMatch(/blocks\[0\] \(absolute\.x\): terms must be a non-empty array/);
  });
  it('bad proximity rule', () => {
    const rule = { category: 'disparagement', rule_id: 'disparage.x', severity: 'high', alternative: '只讲自己', first: ['别家'], then: ['假货'] };
    expect(errorOf(minimal([term], { proximity: [{ ...rule, then: [] }] }))).toMatch(/proximity\[0\]: first and then must not be empty/);
    expect(errorOf(minimal([term], { proximity: [{ ...rule, window: 99 }] }))).toMatch(/proximity\[0\]: window must be an integer/);
    expect(errorOf(minimal([term], { proximity: [{ ...rule, categroy: 'x' }] }))).toMatch(/proximity\[0\]: unknown field "categroy"/);
  });
  it('bad frame direction', () => {
    expect(errorOf(minimal([term], { negation_frames: [{ patterns: ['不要相信'], direction: 'left' }] }))).toMatch(/negation_frames\[0\]: direction/);
  });
  it('wrong version and non-object', () => {
    expect(errorOf(minimal([term], { version: 2 }))).toMatch(/version must be 1/);
    expect(errorOf([])).toMatch(/must be a JSON object/);
  });
  it('unreadable or invalid files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lexicon-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "version": 1, ');
    expect(() => loadLexiconFile(bad)).toThrow(/bad\.json: not valid JSON/);
    expect(() => loadLexiconFile(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read file/);
  });
});

describe('extra lexicon file', () => {
  it('adds, overrides and disables default terms', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lexicon-'));
    const extra = join(dir, 'shop.json');
    writeFileSync(extra, JSON.stringify({
      terms: [
        { term: '秒杀全网', category: 'absolute_claim', rule_id: 'absolute.shop_custom', severity: 'medium', alternative: '今天力度很大' },
        { term: '最 好', category: 'absolute_claim', rule_id: 'absolute.superlative', severity: 'low', alternative: '口碑不错' },
        { term: '独家', disabled: true },
      ],
      allow: ['最好吃'],
    }));
    const detector = createDetector(loadLexicon({ extraPath: extra }));
    expect(detector.detect('这个价格秒杀全网')[0]?.rule_id).toBe('absolute.shop_custom');
    expect(detector.detect('这是最好的')[0]?.severity).toBe('low');
    expect(detector.detect('直播间独家福利')).toEqual([]);
    expect(detector.detect('这是最好吃的')).toEqual([]);
  });

  it('rejects a bad extra entry with the extra file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lexicon-'));
    const extra = join(dir, 'oops.json');
    writeFileSync(extra, JSON.stringify({ terms: [{ term: '秒杀全网', category: 'absolute_claim', rule_id: 'x.y', severity: 'urgent', alternative: '…' }] }));
    expect(() => loadLexicon({ extraPath: extra })).toThrow(/oops\.json: terms\[0\] \("秒杀全网"\): severity/);
  });
});
