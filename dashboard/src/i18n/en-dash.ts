import type { Dict } from './dict.ts';

/** English of zh-cn-dash.ts (issue #17's keys, kept apart for clean merges). */
export const enDash: Dict = {
  scope: {
    global: 'Follows the global time range',
    session: "All of this session's orders (not the global time range)",
    sessionWindow: "Session's orders {{span}}",
    order: 'This order from start to end (not the global time range)',
    waiting: 'Reading when this session ran…',
  },
  product: { search: 'Search product name, SKU or category', untitled: '(no product name)', sku: 'SKU' },
  map: {
    title: 'Shipping delay by province',
    metric: { delay_rate: 'Delay rate', stalled: 'Stalled', pickup_overdue: 'Pickup overdue' },
    national: 'National {{value}}',
    nationalTotal: 'National total {{value}}',
    noData: 'No shipments to this province',
    hint: 'Click a province to filter this page; click again to clear',
    selected: 'Selected: {{name}}',
    clear: 'Clear province filter',
    tooltip: 'Delayed {{delayed}} / due {{due}} · stalled {{stalled}} · pickup overdue {{overdue}}',
    credit: 'Province shapes: @svg-maps/china (CC BY 4.0, after MapSVG)',
    legendLow: 'Low',
    legendHigh: 'High',
    tooFew: 'Fewer than {{n}} shipments due: indicative only',
  },
  chartLegend: { flaggedRate: 'Return rate (high)', bottleneck: 'Bottleneck stage', p50: 'p50 (median)', p90: 'p90', p50Bottleneck: 'Bottleneck p50', p90Bottleneck: 'Bottleneck p90' },
  landing: {
    manager: 'My categories: SKU return warnings',
    managerHelp: 'Only SKUs of your categories above their category baseline ({{cats}})',
    none: 'No SKU of your categories is high right now.',
    allSkus: 'All SKUs →',
  },
};
