/**
 * The lexicon's shape. The lexicon is data that admins edit by hand (see README.md); parsing
 * and validation live in lexicon-parse.ts.
 */
export const CATEGORIES = [
  'absolute_claim', // 广告法 第9条第(3)项 绝对化用语
  'state_endorsement', // 第9条第(2)项 国家机关、国家机关工作人员的名义或者形象; 特供/专供
  'medical_claim', // 第17、18条; 食品安全法 第73条; 化妆品监督管理条例 第37、43条
  'guarantee', // 第18条第(1)项 保证, 第24条 保证合格/通过, 第25条 保本/收益承诺
  'superstition', // 第9条第(8)项 迷信
  'lottery_inducement', // 反不正当竞争法 第10条 有奖销售; 平台 诱导互动/虚假抽奖
  'disparagement', // 第13条 贬低其他生产经营者; 反不正当竞争法 第11条
  'false_scarcity', // 第28条 虚假广告; 明码标价和禁止价格欺诈规定 第19条; 平台 虚假营销
  'diversion', // 平台 站外导流 / 私下交易 rules
  'false_after_sales', // 消费者权益保护法 第25、26条; 网络购买商品七日无理由退货暂行办法
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Conditions a term or rule can carry, shared by plain terms and proximity rules. */
export interface TermConditions {
  /** The claim is only false for SKUs with these refund policies (七天无理由 said of a `quality_only` SKU). */
  readonly only_for_policies?: readonly string[];
  /** Without a known policy: fire or skip. */
  readonly if_policy_unknown?: 'fire' | 'skip';
  /** Only for SKUs of these categories (美妆, 食品…); fires when the category is unknown. */
  readonly sku_categories?: readonly string[];
  /** Lawful for SKUs of these categories (杀菌 for a 家居 消毒柜, 不支持七天无理由 for 生鲜). */
  readonly except_sku_categories?: readonly string[];
}

export interface LexiconTerm extends TermConditions {
  readonly term: string;
  readonly category: Category;
  /** Stable id alerts and dashboards group by, e.g. `absolute.lowest_price`. */
  readonly rule_id: string;
  readonly severity: Severity;
  /** A safer wording to show the host. */
  readonly alternative: string;
  /** The law article or platform rule the term breaks (shown to the operator). */
  readonly basis: string;
  /** Id of the entry in `sources` this term came from. */
  readonly source: string;
  /** 第一 used as a list marker (“第一，面料…；第二…”) is ordinary speech. */
  readonly list_marker_exempt?: boolean;
  /** Also match homophones and typed pinyin of this term (see sound.ts). */
  readonly sound_alike?: boolean;
  /** In an extra lexicon: remove this term from the default one. */
  readonly disabled?: boolean;
}

/**
 * A claim made of two parts near each other: 比打针(…)还管用, 别家(…)都是假货, 某领导(…)都在用.
 * Fires when a `first` phrase is followed by a `then` phrase within `window` normalised
 * characters in the same sentence (or clause).
 */
export interface ProximityRule extends TermConditions {
  readonly first: readonly string[];
  readonly then: readonly string[];
  readonly window: number;
  readonly scope?: 'sentence' | 'clause';
  /** Which part opens the search (the rarer one; default `first`): keeps the hot path cheap. */
  readonly gate?: 'first' | 'then';
  readonly category: Category;
  readonly rule_id: string;
  readonly severity: Severity;
  readonly alternative: string;
  readonly basis: string;
  readonly source: string;
}

export interface NegationFrame {
  /** Phrases like 不要相信 / 都是骗人的 that turn a nearby claim into a warning. */
  readonly patterns: readonly string[];
  /** `before`: the frame precedes the claim; `after`: it follows it. */
  readonly direction: 'before' | 'after' | 'both';
  /** Only claims of these categories are neutralised (all when absent). */
  readonly categories?: readonly Category[];
  /** Only claims with these rule ids are neutralised (e.g. 生鲜… before 不支持七天无理由). */
  readonly rule_ids?: readonly string[];
  /** Max distance in normalised characters between frame and claim (default: lexicon's). */
  readonly window?: number;
  /** `sentence`: reach stops at 。！？; `clause`: also at ，、 and other punctuation. */
  readonly scope?: 'sentence' | 'clause';
  /** Why this frame exists, shown by `--explain`. */
  readonly note?: string;
}

export interface LexiconSource {
  readonly id: string;
  readonly title: string;
  readonly url?: string;
  /** How the terms were taken: re-derived, quoted law text, hand-written… */
  readonly note?: string;
}

export interface Lexicon {
  readonly version: 1;
  readonly locale: string;
  readonly description?: string;
  readonly negation_window: number;
  readonly sources: readonly LexiconSource[];
  readonly terms: readonly LexiconTerm[];
  readonly proximity: readonly ProximityRule[];
  /** Ordinary words that contain a risky term (最近, 第一次…); a hit inside one is dropped. */
  readonly allow: readonly string[];
  readonly negation_frames: readonly NegationFrame[];
  /** Words that end a frame's reach (但是, 其实…) or show a 不要 is not a warning (不要错过). */
  readonly frame_breakers: readonly string[];
}

export class LexiconError extends Error {
  override readonly name = 'LexiconError';
}
