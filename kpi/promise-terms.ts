/**
 * Phrases that mark what a host says about a product as a promise buyers will hold the shop to
 * (after-sales terms, authenticity, quality, delivery). The order trace shows the host's
 * segments about the ordered SKU that contain one, beside the order's actual refund policy.
 * Substring match, so 不支持七天无理由 matches 七天无理由 too: the point is to show the sentence.
 */
export const PROMISE_TERMS: readonly string[] = [
  '七天无理由', '7天无理由', '无理由退', '包退', '包换', '随便退', '不满意', '退款', '退货', '运费险',
  '正品', '假一赔', '假一罚', '保真', '官方', '质保', '保修', '保证', '承诺', '百分百', '100%',
  '包邮', '发货', '到货', '不支持', '不退', '不换', '售后',
];
