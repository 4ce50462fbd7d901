import { describe, expect, it } from 'vitest';
import { checkLines, checkText } from './check-lines.ts';
import { createDetector, type WordingHit } from './detector.ts';
import { loadLexicon } from './lexicon.ts';

const detector = createDetector(loadLexicon());
const rules = (text: string): string[] => detector.detect(text).map((h) => h.rule_id);

describe('hit offsets point into the original text', () => {
  it.each([
    ['家人们 全 🔥 网 最 低 价 冲！', '全 🔥 网 最 低 价'],
    ['宝宝们加我 ＶＸ 哦', '加我 ＶＸ'],
    ['👩‍👩‍👧‍👦效果百分之百有效', '百分之百有效'],
    ['绝\u200b对\u200b是正品', '绝\u200b对'],
    ['销量第①的好物', '销量第①'],
  ])('%s', (text, phrase) => {
    const hits = detector.detect(text);
    expect(hits).toHaveLength(1);
    const hit = hits[0] as WordingHit;
    expect(text.slice(hit.start, hit.end)).toBe(phrase);
    expect(hit.matched).toBe(phrase);
  });

  it('reports term, category, rule, severity and a safer wording', () => {
    const [hit] = detector.detect('今天全网最低价');
    expect(hit).toMatchObject({ term: '全网最低价', category: 'absolute_claim', rule_id: 'absolute.lowest_price', severity: 'high' });
    expect(hit?.alternative.length).toBeGreaterThan(0);
  });
});

describe('allow-list', () => {
  it.each(['最近上新很多', '最后提醒一次', '第一次来的宝宝', '第一步先洁面', '第一天用', '首个工作日发货', '第一时间发货', '最新款',
    '最少拍两件', '最多穿到一百四', '100%纯棉', '百分之百桑蚕丝', '上嘴好显白', '唯一的缺点是重'])('%s does not fire', (text) => {
    expect(detector.detect(text)).toEqual([]);
  });

  it('only drops hits fully inside the ordinary word', () => {
    expect(rules('最近这款卖得最好')).toEqual(['absolute.superlative']);
    expect(rules('全网第一次这么便宜')).toEqual(['absolute.rank_first']); // 全网第一 is not inside 第一次
  });

  it('treats 第一 as a list marker only at a clause start followed by a comma', () => {
    expect(detector.detect('第一，面料好；第二，版型正')).toEqual([]);
    expect(rules('我们家就是第一，不服来比')).toEqual(['absolute.rank_first']);
  });
});

describe('warning and negation frames', () => {
  it.each([
    '不要相信那些说全网最低价的',
    '广告法不允许说最好',
    '我们不说第一，只说品质',
    '谁说包治百病，都是骗人的',
    '全网最低这种话都是骗人的',
    '千万不要私下转账',
    '我们这个不能治疗疾病',
    '我不敢保证你一定能瘦',
    '高血压人群慎用',
  ])('%s does not fire', (text) => {
    expect(detector.detect(text)).toEqual([]);
  });

  it('a sentence end or a 但是 ends the frame', () => {
    expect(rules('不要相信别人的低价。我们家全网最低价')).toEqual(['absolute.lowest_price']);
    expect(rules('我不敢说全网最低，但是绝对划算')).toEqual(['absolute.certainty']);
  });

  it('不要犹豫 / 不要错过 are not warnings', () => {
    expect(rules('不要犹豫，加我微信')).toEqual(['diversion.messenger']);
    expect(rules('不要错过全网最低价')).toEqual(['absolute.lowest_price']);
  });

  it('category frames only neutralise their own category', () => {
    expect(rules('不要私聊，全网最低价')).toEqual(['absolute.lowest_price']);
  });
});

describe('overlaps and context', () => {
  it('keeps the longest of overlapping hits', () => {
    const hits = detector.detect('全网最低价');
    expect(hits.map((h) => h.term)).toEqual(['全网最低价']);
    expect(detector.detect('百分之百有效').map((h) => h.term)).toEqual(['100%有效']);
  });

  it('reports separate claims separately', () => {
    expect(detector.detect('绝对正品，加我微信').map((h) => h.category)).toEqual(['absolute_claim', 'diversion']);
  });

  it('uses the SKU refund policy when known', () => {
    expect(detector.detect('支持七天无理由')).toEqual([]);
    expect(detector.detect('支持七天无理由', { refundPolicy: '7day_no_reason' })).toEqual([]);
    expect(detector.detect('支持七天无理由', { refundPolicy: 'quality_only' }).map((h) => h.rule_id)).toEqual(['after_sales.seven_day_claim']);
    expect(rules('这款不支持七天无理由')).toEqual(['after_sales.deny_statutory_return']);
    expect(detector.detect('这款不支持七天无理由', { refundPolicy: 'quality_only' })).toEqual([]);
    expect(detector.detect('这款不支持7天无理由', { refundPolicy: '7day_no_reason' }).map((h) => h.rule_id)).toEqual(['after_sales.deny_statutory_return']);
  });

  it('Latin terms need a word boundary', () => {
    expect(detector.detect('qqxing')).toEqual([]);
    expect(rules('QQ号发你')).toEqual(['diversion.messenger']);
    expect(rules('加我QQ')).toEqual(['diversion.private_deal', 'diversion.messenger']);
  });

  it('handles empty and clean text', () => {
    expect(detector.detect('')).toEqual([]);
    expect(detector.detect('家人们点点关注')).toEqual([]);
  });
});

describe('checkText / checkLines', () => {
  it('returns a JSON-able {text, hits}', () => {
    const result = checkText(detector, '全网最低价');
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result.text).toBe('全网最低价');
    expect(result.hits).toHaveLength(1);
  });

  it('answers every input line with one JSON line', () => {
    const out = [...checkLines(detector, ['全网最低价\r', '', '点点关注'])].map((l) => JSON.parse(l) as { text: string; hits: unknown[] });
    expect(out.map((o) => o.text)).toEqual(['全网最低价', '', '点点关注']);
    expect(out.map((o) => o.hits.length)).toEqual([1, 0, 0]);
  });
});

