/**
 * When a risky phrase is lawful because of what is being sold: the SKU's refund policy
 * (七天无理由 is a false promise only for a `quality_only` SKU; 不支持七天无理由 is unlawful only
 * for one that must allow it), its category (杀菌 for a 家居 消毒柜, 增强免疫力 for a registered
 * 保健食品), or the phrase being a list marker (第一，…；第二，…).
 */
import type { LexiconTerm } from './lexicon-schema.ts';
import type { Span } from './negation.ts';
import type { NormalizedText } from './normalize.ts';

export interface DetectContext {
  /** Refund policy of the SKU on screen (`7day_no_reason`, `quality_only`, …) when known. */
  readonly refundPolicy?: string;
  /** Category of the SKU on screen (美妆, 食品, 生鲜, 保健食品, 家居…) when known. */
  readonly skuCategory?: string;
}

export interface Verdict {
  readonly reason: 'refund_policy' | 'sku_category';
  readonly detail: string;
}

/** Null when the term applies to this SKU; otherwise why it does not. */
export function conditionVerdict(term: LexiconTerm, context: DetectContext | undefined): Verdict | null {
  const category = context?.skuCategory || undefined;
  if (category !== undefined) {
    if (term.except_sku_categories?.includes(category)) return { reason: 'sku_category', detail: `lawful for SKU category ${category}` };
    if (term.sku_categories !== undefined && !term.sku_categories.includes(category)) {
      return { reason: 'sku_category', detail: `only a claim for SKU categories ${term.sku_categories.join('/')}, this SKU is ${category}` };
    }
  }
  if (term.only_for_policies !== undefined) {
    const policy = context?.refundPolicy || undefined;
    if (policy === undefined) {
      if (term.if_policy_unknown !== 'fire') return { reason: 'refund_policy', detail: `only false for refund policies ${term.only_for_policies.join('/')}; policy unknown` };
    } else if (!term.only_for_policies.includes(policy)) {
      return { reason: 'refund_policy', detail: `true for this SKU's refund policy ${policy} (a claim only for ${term.only_for_policies.join('/')})` };
    }
  }
  return null;
}

const LIST_PUNCT = /[，,、:：.．;；。！!？?\n]/;

/** How far (normalised characters) a 第二 may follow 第一 for both to be list markers. */
const NEXT_MARKER_WINDOW = 16;

/**
 * 第一，面料好；第二… : the term opens a clause and is followed by a comma/colon; or, in ASR
 * text without punctuation (第一面料好第二版型正), a 第二 follows shortly after.
 */
export function isListMarker(norm: NormalizedText, span: Span): boolean {
  const next = norm.text.indexOf('第二', span.end);
  if (next !== -1 && next - span.end <= NEXT_MARKER_WINDOW) return true;
  const text = norm.original;
  let i = (norm.starts[span.start] ?? 0) - 1;
  while (i >= 0 && /\s/.test(text[i] ?? '')) i--;
  if (i >= 0 && !LIST_PUNCT.test(text[i] ?? '')) return false;
  let j = norm.ends[span.end - 1] ?? 0;
  while (j < text.length && /\s/.test(text[j] ?? '')) j++;
  return j < text.length && /[，,、:：]/.test(text[j] ?? '');
}
