/** The alert rules shipped in config/alerts.default.json (labels in i18n `rule.<id>`). */
export const RULES = ['high_return_sku', 'regional_shipping_delay', 'merchant_sla', 'stage_bottleneck', 'session_refund_spike', 'risky_host_wording', 'viewer_question_spike'];
