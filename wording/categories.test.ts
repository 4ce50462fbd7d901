/**
 * Issue #16: every advertising-law category a host can say aloud, with its traps; evasion
 * forms; statements whose lawfulness depends on the SKU's refund policy or category; and
 * the explanations operators see.
 */
import { describe, expect, it } from 'vitest';
import { checkLines } from './check-lines.ts';
import { createDetector } from './detector.ts';
import { loadLexicon } from './lexicon.ts';

const detector = createDetector(loadLexicon());
const cats = (text: string, context?: { refundPolicy?: string; skuCategory?: string }): string[] => [...new Set(detector.detect(text, context).map((h) => h.category))];

const HITS: Record<string, string[]> = {
  absolute_claim: ['这是领导品牌出的新款', '人家是领袖品牌', '我们合作的是行业龙头', '全网最低价冲', '销量第一的款'],
  state_endorsement: ['国宴同款的酒', '政府推荐的农产品', '某领导都在用的牌子', '部队特供的压缩饼干', '人民大会堂指定的毛巾'],
  medical_claim: ['这个泡脚包三天见效', '我妈用了彻底治好了', '这个膏药比打针还管用', '这个枕头能治颈椎病', '喝这个血压都降下来了'],
  guarantee: ['报我们的课保过', '包教包会，不会退钱', '稳赚不赔', '保证一个月瘦十斤', '不好用你回来找我，我给你全额退'],
  superstition: ['戴上招财', '本命年转运', '开过光的玉能辟邪', '这个耳钉旺夫'],
  lottery_inducement: ['点击领奖', '今天全民免单', '扣1抽免单', '评论区扣666抽一台手机'],
  disparagement: ['别家卖的都是假货', '其他品牌都是智商税', '吊打大牌', '隔壁直播间的都是黑心棉'],
  false_scarcity: ['错过今天再等一年', '下播马上恢复原价', '亏本卖给大家', '出厂价直接给到你们', '再不抢就没了'],
  diversion: ['加V私聊', 'VX发你们', '加我薇信', '扣扣号在简介里', '私我发链接', 'V我五十'],
  false_after_sales: ['用过也能退', '终身保修', '假一赔十', '不满意随便退'],
};

const TRAPS: Record<string, string[]> = {
  fragments: ['今天最低气温零下五度', '她是我最好的朋友', '这是我第一次上这个品', '第一步先把盖子拧开', '最近好多宝宝问', '最后一件了', '最后提醒一次', '第一时间发货', '包裹到转运中心了', '扣扣子的设计很方便', '我跟我们领导申请了福利', '上妆之前用，不搓泥', '专为新手设计的款'],
  warnings: ['不要相信那些说能治病的', '别信什么开光转运，都是骗人的', '千万不要加什么微信，售后都走平台', '有些主播说保过，你们千万别信', '点点关注，马上抽福袋', '别加我薇信啊，私下交易没保障'],
  quoted_rules: ['广告法规定不能说最好，所以我说很好用', '平台规定不能说全网最低，我就说很划算'],
  lists: ['第一，面料好；第二，版型正', '第一面料好第二版型正'],
};

describe('each ad-law category fires on real speech', () => {
  for (const [category, texts] of Object.entries(HITS)) {
    it.each(texts)(`${category}: %s`, (text) => expect(cats(text)).toContain(category));
  }
});

describe('traps do not fire', () => {
  for (const [kind, texts] of Object.entries(TRAPS)) {
    it.each(texts)(`${kind}: %s`, (text) => expect(detector.detect(text)).toEqual([]));
  }
});

describe('evasion forms', () => {
  it.each([
    ['加 V', 'diversion'], ['➕V', 'diversion'], ['加weixin', 'diversion'], ['加威信', 'diversion'], ['加维信', 'diversion'], ['wx联系我', 'diversion'],
    ['V 信 搜主播名字', 'diversion'], ['jia wei xin', 'diversion'], ['去taobao搜', 'diversion'], ['加我V亻言', 'diversion'], ['薇❤信', 'diversion'],
    ['絕對正品', 'absolute_claim'], ['國宴同款', 'state_endorsement'], ['全🔥网✨最低价', 'absolute_claim'], ['全 网 最 低 价', 'absolute_claim'],
    ['ＴＯＰ１的款', 'absolute_claim'], ['全网zui低', 'absolute_claim'], ['决对正品', 'absolute_claim'], ['3天见效', 'medical_claim'], ['0元购', 'lottery_inducement'],
    ['百分之百有效', 'guarantee'], ['扌口扌口号发你', 'diversion'],
  ])('%s → %s', (text, category) => expect(cats(text)).toContain(category));

  it('says how a homophone matched', () => {
    const [hit] = detector.detect('加喂信');
    expect(hit).toMatchObject({ matched: '加喂信', via: 'sound', pinyin: 'jia wei xin', category: 'diversion' });
  });

  it('does not fold ordinary look-alikes: 10元 is not 0元, 1TB is not 淘宝, 次日取件 is not 最', () => {
    expect(detector.detect('这款只要10元购入')).toEqual([]);
    expect(detector.detect('1TB固态硬盘')).toEqual([]);
    expect(detector.detect('次日取件')).toEqual([]);
  });
});

describe('refund policy and SKU category decide some statements', () => {
  const DENY = '这款不支持七天无理由，拍之前想好';
  const CLAIM = '支持七天无理由，放心拍';
  it.each([
    ['7day_no_reason', ['false_after_sales'], []],
    ['15day_no_reason', ['false_after_sales'], []],
    ['quality_only', [], ['false_after_sales']],
    ['no_return', [], ['false_after_sales']],
  ])('policy %s: denial %j, promise %j', (policy, deny, claim) => {
    expect(cats(DENY, { refundPolicy: policy })).toEqual(deny);
    expect(cats('这款不支持无理由退货', { refundPolicy: policy })).toEqual(deny);
    expect(cats(CLAIM, { refundPolicy: policy })).toEqual(claim);
    expect(cats('支持无理由退换哦', { refundPolicy: policy })).toEqual(claim);
  });

  it('unknown policy: a denial fires, a promise does not; 生鲜 may say it has no 7-day returns', () => {
    expect(cats(DENY)).toEqual(['false_after_sales']);
    expect(cats(CLAIM)).toEqual([]);
    expect(cats('生鲜不支持七天无理由，坏果包赔')).toEqual([]);
    expect(cats('生鲜不支持七天无理由，坏果包赔', { refundPolicy: 'quality_only' })).toEqual([]);
    expect(cats(DENY, { skuCategory: '生鲜' })).toEqual([]);
    expect(cats(DENY, { skuCategory: '服饰' })).toEqual(['false_after_sales']);
  });

  it('category-dependent medical claims', () => {
    expect(cats('高温杀菌', { skuCategory: '家居' })).toEqual([]);
    expect(cats('高温杀菌', { skuCategory: '美妆' })).toEqual(['medical_claim']);
    expect(cats('高温杀菌')).toEqual(['medical_claim']);
    expect(cats('有助于增强免疫力', { skuCategory: '保健食品' })).toEqual([]);
    expect(cats('有助于增强免疫力', { skuCategory: '食品' })).toEqual(['medical_claim']);
  });
});

describe('explanations', () => {
  it('every hit names the law article or platform rule and its source', () => {
    for (const texts of Object.values(HITS)) {
      for (const t of texts) for (const h of detector.detect(t)) {
        expect(h.basis.length, t).toBeGreaterThan(4);
        expect(h.source.length, t).toBeGreaterThan(1);
        expect(t.slice(h.start, h.end)).toBe(h.matched);
      }
    }
  });

  it('explain lists each dropped candidate with its reason', () => {
    const reasons = (text: string, context?: { refundPolicy?: string; skuCategory?: string }): string[] => detector.explain(text, context).suppressed.map((s) => s.reason);
    expect(reasons('最低气温三度')).toContain('allow_word');
    expect(reasons('第一，面料好；第二，版型正')).toContain('list_marker');
    expect(reasons('不要相信那些说能治病的')).toContain('warning_frame');
    expect(reasons('支持七天无理由', { refundPolicy: '7day_no_reason' })).toContain('refund_policy');
    expect(reasons('高温杀菌', { skuCategory: '家居' })).toContain('sku_category');
    expect(detector.explain('不要相信那些说能治病的').suppressed.find((s) => s.reason === 'warning_frame')?.detail).toMatch(/不要相信|那些说/);
    const [line] = [...checkLines(detector, ['最低气温三度'], undefined, { explain: true })].map((l) => JSON.parse(l) as { hits: unknown[]; suppressed: unknown[] });
    expect(line?.hits).toEqual([]);
    expect(line?.suppressed.length).toBeGreaterThan(0);
  });
});

describe('the simulator', () => {
  it('every planted risky phrase is detected, no cautionary line fires', async () => {
    const { RISKY_CLAIMS, CAUTIONARY_LINES } = await import('../simulator/host-phrases.ts');
    for (const line of RISKY_CLAIMS) expect(detector.detect(line).length, line).toBeGreaterThan(0);
    for (const line of CAUTIONARY_LINES) expect(detector.detect(line), line).toEqual([]);
  });
});
