import type { REFUND_POLICIES } from '../contracts/orders.ts';
import type { ReasonCode } from '../contracts/refunds.ts';
import { WeightedTable } from './prng.ts';

/**
 * What each category is like after the sale: how often buyers ask for their money back, why,
 * which after-sales policy the SKU carries, and how slow the merchant is. The numbers follow
 * what live-commerce operators report (服饰 returns are dominated by size, 生鲜 by damage and
 * spoilage, 美妆 by "not what I expected"), scaled to keep the simulated week plausible.
 */

export const CATEGORIES = ['生鲜', '服饰', '美妆', '数码', '食品', '家居'] as const;
export type Category = (typeof CATEGORIES)[number];
export type RefundPolicy = (typeof REFUND_POLICIES)[number];

export interface CategorySpec {
  /** Chance an order leads to a refund request, before policy and logistics adjustments. */
  refundRate: number;
  /** Why buyers ask (late_delivery / not_received come from the logistics model instead). */
  reasons: WeightedTable<ReasonCode>;
  policies: WeightedTable<RefundPolicy>;
  /** Live price range in yuan (sampled log-uniformly). */
  priceYuan: readonly [number, number];
  /** Relative order intensity: cheap impulse buys sell more per minute on screen. */
  orderFactor: number;
  /** Hours from payment to the promised delivery. */
  promiseHours: number;
  /** Merchant's typical time to inspect a returned parcel (hours). */
  receiptMedianHours: number;
  /** Multiplier on the shop's usual decision time. */
  decisionFactor: number;
  carriers: WeightedTable<string>;
  names: { readonly prefixes: readonly string[]; readonly items: readonly string[]; readonly specs: readonly string[] };
  rejectReasons: readonly string[];
}

const table = <T>(entries: ReadonlyArray<readonly [T, number]>) => new WeightedTable(entries);

const EVERYDAY_CARRIERS = table([
  ['中通快递', 26], ['圆通速递', 22], ['韵达快递', 18], ['申通快递', 12], ['极兔速递', 14], ['邮政EMS', 8],
] as const);

export const CATEGORY_SPECS: Record<Category, CategorySpec> = {
  生鲜: {
    refundRate: 0.09,
    reasons: table<ReasonCode>([['damaged', 38], ['quality', 38], ['wrong_item', 6], ['not_as_described', 8], ['changed_mind', 8], ['other', 2]]),
    policies: table<RefundPolicy>([['quality_only', 1]]),
    priceYuan: [29, 299],
    orderFactor: 0.75,
    promiseHours: 48,
    receiptMedianHours: 4,
    decisionFactor: 0.6,
    carriers: table([['顺丰速运', 60], ['京东物流', 40]] as const),
    names: {
      prefixes: ['赣南', '四川', '云南', '海南', '烟台', '阳澄湖', '舟山', '内蒙古', '农家', '宁夏', '秭归', '丹东'],
      items: ['脐橙', '丑橘', '阳光玫瑰葡萄', '金煌芒', '蓝莓', '红富士苹果', '大闸蟹', '带鱼', '羔羊肉', '土鸡蛋', '猕猴桃', '砂糖橘', '草莓', '牛油果'],
      specs: ['5斤装', '3斤装', '2斤装', '礼盒装', '家庭装'],
    },
    rejectReasons: ['生鲜商品不支持七天无理由退货', '超过签收后48小时的坏果反馈时限', '买家提供的照片无法看出商品问题'],
  },
  服饰: {
    refundRate: 0.32,
    reasons: table<ReasonCode>([['size_fit', 45], ['dislike', 20], ['changed_mind', 12], ['quality', 8], ['not_as_described', 9], ['wrong_item', 3], ['other', 3]]),
    policies: table<RefundPolicy>([['7day_no_reason', 80], ['15day_no_reason', 20]]),
    priceYuan: [39, 699],
    orderFactor: 1.6,
    promiseHours: 72,
    receiptMedianHours: 8,
    decisionFactor: 1.0,
    carriers: EVERYDAY_CARRIERS,
    names: {
      prefixes: ['法式', '冰丝', '纯棉', '高腰', '宽松', '修身', '复古', '加绒', '韩版', '通勤', '垂感', '小香风', '加厚'],
      items: ['阔腿裤', '连衣裙', '针织开衫', '羽绒服', '卫衣', '衬衫', '半身裙', '牛仔裤', 'T恤', '西装外套', '运动套装', '羊毛大衣', '打底衫', '风衣', '羊羔绒外套'],
      specs: ['女款', '男款', '两件套', '男女同款', '春秋款', '冬季款', '女款 宽松版'],
    },
    rejectReasons: ['吊牌已剪，影响二次销售', '商品有明显穿着和洗涤痕迹', '退回商品与发出商品不一致'],
  },
  美妆: {
    refundRate: 0.12,
    reasons: table<ReasonCode>([['dislike', 30], ['not_as_described', 18], ['changed_mind', 15], ['quality', 12], ['counterfeit', 6], ['damaged', 7], ['wrong_item', 4], ['other', 8]]),
    policies: table<RefundPolicy>([['7day_no_reason', 80], ['quality_only', 20]]),
    priceYuan: [49, 499],
    orderFactor: 1.1,
    promiseHours: 72,
    receiptMedianHours: 10,
    decisionFactor: 1.1,
    carriers: EVERYDAY_CARRIERS,
    names: {
      prefixes: ['玻尿酸', '烟酰胺', '视黄醇', '氨基酸', '积雪草', '胶原蛋白', '神经酰胺', '雪绒花', '角鲨烷', '山茶花'],
      items: ['补水面膜', '精华液', '面霜', '洗面奶', '防晒霜', '粉底液', '眼霜', '爽肤水', '卸妆油', '身体乳'],
      specs: ['30ml', '50ml', '2支装', '套装', '旅行装', ''],
    },
    rejectReasons: ['商品已拆封使用，不支持无理由退货', '退回商品批号与店铺发货记录不一致', '买家提供的凭证不足，无法判断商品问题'],
  },
  数码: {
    refundRate: 0.09,
    reasons: table<ReasonCode>([['quality', 30], ['changed_mind', 20], ['not_as_described', 15], ['dislike', 12], ['damaged', 10], ['wrong_item', 5], ['counterfeit', 3], ['other', 5]]),
    policies: table<RefundPolicy>([['7day_no_reason', 70], ['15day_no_reason', 30]]),
    priceYuan: [39, 2999],
    orderFactor: 1.0,
    promiseHours: 72,
    receiptMedianHours: 20,
    decisionFactor: 1.4,
    carriers: table([['顺丰速运', 40], ['京东物流', 30], ['中通快递', 30]] as const),
    names: {
      prefixes: ['2025新款', '旗舰款', '轻薄款', 'Pro款', 'mini款', '升级款'],
      items: ['蓝牙降噪耳机', '氮化镓充电器', '磁吸充电宝', '智能手表', '机械键盘', '无线鼠标', '手机支架', '移动硬盘', '智能音箱', '行车记录仪', '电动牙刷', '高速吹风机', '家用投影仪'],
      specs: ['', '', '黑色', '白色', '套装'],
    },
    rejectReasons: ['商品已激活，不支持无理由退货', '外包装及配件不全', '检测无质量问题，属人为损坏'],
  },
  食品: {
    refundRate: 0.065,
    reasons: table<ReasonCode>([['changed_mind', 30], ['quality', 22], ['damaged', 16], ['dislike', 10], ['not_as_described', 12], ['wrong_item', 4], ['other', 6]]),
    policies: table<RefundPolicy>([['7day_no_reason', 80], ['quality_only', 20]]),
    priceYuan: [19, 199],
    orderFactor: 0.8,
    promiseHours: 72,
    receiptMedianHours: 6,
    decisionFactor: 0.8,
    carriers: EVERYDAY_CARRIERS,
    names: {
      prefixes: ['', '', '网红', '手工', '低糖', '原味', '麻辣', '非油炸'],
      items: ['每日坚果', '螺蛳粉', '牛肉干', '黑芝麻丸', '手撕面包', '燕麦片', '挂耳咖啡', '自热火锅', '土蜂蜜', '和田红枣', '小龙虾尾', '酸辣粉', '芒果干'],
      specs: ['30包', '5袋装', '500g', '1kg', '整箱', '礼盒装'],
    },
    rejectReasons: ['食品已拆封，不支持无理由退货', '买家提供的凭证不足，无法判断商品问题'],
  },
  家居: {
    refundRate: 0.11,
    reasons: table<ReasonCode>([['changed_mind', 20], ['dislike', 15], ['damaged', 22], ['quality', 20], ['not_as_described', 15], ['wrong_item', 4], ['other', 4]]),
    policies: table<RefundPolicy>([['7day_no_reason', 90], ['no_return', 10]]),
    priceYuan: [29, 899],
    orderFactor: 1.0,
    promiseHours: 72,
    receiptMedianHours: 12,
    decisionFactor: 1.0,
    carriers: EVERYDAY_CARRIERS,
    names: {
      prefixes: ['北欧风', '加厚', '大容量', '简约', '可折叠', 'ins风', '全棉', '静音'],
      items: ['四件套', '乳胶枕', '保温杯', '收纳箱', '空气炸锅', '电热毯', '懒人沙发', '浴巾', '旋转拖把', '香薰蜡烛', '真空压缩袋', '床垫', '遮光窗帘', '餐具套装'],
      specs: ['', '1.8m床', '500ml', '三件套', '家庭装'],
    },
    rejectReasons: ['定制商品，非质量问题不退不换', '商品已安装使用，影响二次销售', '买家提供的凭证不足，无法判断商品问题'],
  },
};

/** Waybill prefixes; 顺丰/京东 scan with GB/T 2260 region codes, the others with province names. */
export const CARRIER_PREFIX: Record<string, string> = {
  中通快递: 'ZT', 圆通速递: 'YT', 韵达快递: 'YD', 申通快递: 'ST', 极兔速递: 'JT', 邮政EMS: 'EM', 顺丰速运: 'SF', 京东物流: 'JD',
};
export const CARRIERS_USING_CODES = new Set(['顺丰速运', '京东物流']);

/** Reject reason when a buyer asks for a no-reason return the policy does not allow. */
export const POLICY_REJECT_REASON: Record<RefundPolicy, string> = {
  '7day_no_reason': '已超过七天无理由退货期限',
  '15day_no_reason': '已超过十五天无理由退货期限',
  quality_only: '该商品不支持七天无理由退货，非质量问题不予退款',
  no_return: '定制商品，非质量问题不退不换',
};
