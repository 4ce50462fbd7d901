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
    manager: '我的类目：商品退货预警',
    managerHelp: '只列出你负责类目中高于类目基线的商品（{{cats}}）',
    none: '你的类目中目前没有偏高的商品。',
    allSkus: '查看全部商品 →',
  },
};
