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
    ruleWindow: 'Rolling 7 days (as the return-rate rule judges; not the global range)',
    manager: 'My categories: SKU return warnings',
    managerHelp: 'Only SKUs of your categories above their category baseline ({{cats}})',
    none: 'No SKU of your categories is high right now.',
    allSkus: 'All SKUs →',
  },
  // The wording lexicon's rule ids (wording/lexicon.zh-CN.json), as a host or ops reads them.
  wordingRule: {
    absolute: { certainty: 'Absolute certainty', lowest_price: 'Lowest-price claim', natural_purity: '"All natural" claim', rank_first: '"Number one" claim', superlative: 'Superlative', top_grade: '"Top grade" claim', unique: '"Only / exclusive" claim' },
    after_sales: { deny_statutory_return: 'Denies statutory returns', fake_compensation: 'False compensation promise', lifetime_warranty: 'Lifetime warranty promise', seven_day_claim: '7-day return promise', unconditional_return: 'Unconditional return promise', used_item_return: '"Return even if used" promise' },
    diversion: { contact: 'Shares contact details', messenger: 'Sends buyers to a messenger', other_platform: 'Sends buyers to another platform', private_deal: 'Private deal off-platform' },
    guarantee: { cure: 'Guaranteed cure', efficacy: 'Guaranteed effect', investment: 'Guaranteed return on money', personal: 'Personal guarantee', refund_if_ineffective: '"Refund if it does not work"', weight_loss: 'Guaranteed weight loss' },
    medical: { disease: 'Disease claim', drug_grade: '"Medical grade" claim', health_function: 'Health-function claim', special_use_cosmetic: 'Special-use cosmetic claim', treatment: 'Treatment claim' },
  },
  // Refund auto-decision rules (the refunds contract's rule_id; the simulator's set), for the trace.
  refundRule: {
    unknown: 'Another automatic rule',
    auto: { preship_refund: 'Refund before shipping', late_delivery: 'Late delivery refund', not_received: 'Not received refund', no_reason_7d: '7-day no-reason approval', no_reason_15d: '15-day no-reason approval', fresh_quick_refund: 'Fresh produce quick refund', low_value: 'Low-value approval', standard: 'Standard auto review' },
    timeout: { merchant_48h: 'Merchant silent for 48 h: approved on timeout' },
  },
  // Carrier exception codes of logistics scans (the simulator's set; others show as 'other').
  scanException: { ADDRESS_UNCLEAR: 'Address unclear', RECIPIENT_UNREACHABLE: 'Recipient unreachable', WEATHER_DELAY: 'Weather delay', SORTING_BACKLOG: 'Sorting backlog', DAMAGED_IN_TRANSIT: 'Damaged in transit', other: 'Other exception' },
};
