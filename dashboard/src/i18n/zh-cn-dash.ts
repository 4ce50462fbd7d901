import type { Dict } from './dict.ts';

/**
 * Keys of issue #17 (pages keeping their own time, product titles, the province map, role
 * landings), kept apart from zh-cn.ts so parallel work on the dictionaries merges cleanly.
 * Mirrors en-dash.ts (the dictionaries test checks the merged dictionaries).
 */
export const zhCNDash: Dict = {
  scope: {
    global: '随全局时间范围',
    session: '本场直播的全部订单（不随全局时间范围）',
    sessionWindow: '本场订单 {{span}}',
    order: '这一笔订单的全过程（不随全局时间范围）',
    waiting: '正在读取本场直播的时间…',
  },
  product: { search: '搜索商品名、SKU 或类目', untitled: '（无商品名）', sku: 'SKU' },
  map: {
    title: '各省物流延误地图',
    metric: { delay_rate: '延误率', stalled: '停滞件', pickup_overdue: '揽收超时' },
    national: '全国 {{value}}',
    nationalTotal: '全国合计 {{value}}',
    noData: '无发往该省的运单',
    hint: '点击省份筛选本页；再次点击取消',
    selected: '已选：{{name}}',
    clear: '取消省份筛选',
    tooltip: '延误 {{delayed}} / 应达 {{due}} · 停滞 {{stalled}} · 揽收超时 {{overdue}}',
    credit: '省界：@svg-maps/china（CC BY 4.0，基于 MapSVG）',
    legendLow: '低',
    legendHigh: '高',
    tooFew: '应达不足 {{n}} 件，仅供参考',
  },
  chartLegend: { flaggedRate: '退货率（偏高）', bottleneck: '瓶颈环节', p50: 'p50（中位）', p90: 'p90', p50Bottleneck: '瓶颈环节 p50', p90Bottleneck: '瓶颈环节 p90' },
  landing: {
    ruleWindow: '滚动 7 天（与退货预警规则相同，不随全局时间范围）',
    manager: '我的类目：商品退货预警',
    managerHelp: '只列出你负责类目中高于类目基线的商品（{{cats}}）',
    none: '你的类目中目前没有偏高的商品。',
    allSkus: '查看全部商品 →',
  },
  // The wording lexicon's rule ids (wording/lexicon.zh-CN.json), as a host or ops reads them.
  wordingRule: {
    absolute: { certainty: '绝对化承诺', lowest_price: '最低价宣称', natural_purity: '纯天然宣称', rank_first: '第一 / 排名宣称', superlative: '最高级用语', top_grade: '顶级 / 极品宣称', unique: '唯一 / 独家宣称' },
    after_sales: { deny_statutory_return: '否认法定退货权', fake_compensation: '虚假赔付承诺', lifetime_warranty: '终身保修承诺', seven_day_claim: '七天无理由承诺', unconditional_return: '无条件退货承诺', used_item_return: '用过也能退承诺' },
    diversion: { contact: '留联系方式', messenger: '引导加微信 / 私信', other_platform: '引导去其他平台', private_deal: '引导私下交易' },
    guarantee: { cure: '保证治愈', efficacy: '保证效果', investment: '保证收益', personal: '个人担保', refund_if_ineffective: '无效退款承诺', weight_loss: '保证减肥' },
    medical: { disease: '疾病治疗宣称', drug_grade: '药用级宣称', health_function: '保健功效宣称', special_use_cosmetic: '特殊用途化妆品宣称', treatment: '治疗功效宣称' },
  },
  // Refund auto-decision rules (the refunds contract's rule_id; the simulator's set), for the trace.
  refundRule: {
    unknown: '其他自动规则',
    auto: { preship_refund: '发货前自动退款', late_delivery: '物流超时自动退款', not_received: '未收到货自动退款', no_reason_7d: '七天无理由自动通过', no_reason_15d: '十五天无理由自动通过', fresh_quick_refund: '生鲜极速退款', low_value: '小额自动通过', standard: '标准自动审核' },
    timeout: { merchant_48h: '商家 48 小时未处理，超时自动通过' },
  },
  // Carrier exception codes of logistics scans (the simulator's set; others show as 'other').
  scanException: { ADDRESS_UNCLEAR: '地址不详', RECIPIENT_UNREACHABLE: '联系不上收件人', WEATHER_DELAY: '天气原因延误', SORTING_BACKLOG: '分拣积压', DAMAGED_IN_TRANSIT: '运输途中破损', other: '其他异常' },
};
