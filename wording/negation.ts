/**
 * Warning / negation frames: a host saying “不要相信什么全网最低” or “包治百病那都是骗人的”
 * is protecting viewers, not making the claim. A frame neutralises a claim when it is close
 * enough (window, in normalised characters), on the same side it was written for, not cut
 * off by a sentence end (or, for `clause` frames, by any punctuation), and no breaker such
 * as 但是 / 其实 / 不要错过 sits between them. A frame may be limited to some categories or
 * rule ids (生鲜… before 不支持七天无理由 is a lawful statement, not a warning).
 */
import type { Category, NegationFrame } from './lexicon-schema.ts';
import type { NormalizedText } from './normalize.ts';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface CompiledFrame {
  readonly before: boolean;
  readonly after: boolean;
  readonly categories: ReadonlySet<Category> | null;
  readonly ruleIds: ReadonlySet<string> | null;
  readonly window: number;
  readonly clauseScope: boolean;
  readonly note: string | undefined;
}

export interface FrameMatch extends Span {
  readonly frame: CompiledFrame;
  /** The frame phrase as written in the lexicon, for explanations. */
  readonly pattern: string;
}

export function compileFrame(frame: NegationFrame, defaultWindow: number): CompiledFrame {
  return {
    before: frame.direction !== 'after',
    after: frame.direction !== 'before',
    categories: frame.categories === undefined ? null : new Set(frame.categories),
    ruleIds: frame.rule_ids === undefined ? null : new Set(frame.rule_ids),
    window: frame.window ?? defaultWindow,
    clauseScope: frame.scope === 'clause',
    note: frame.note,
  };
}

/** Sentence ends. ASCII '.' is left out: in Chinese text it is an evasion separator (最.好), not a full stop. */
const SENTENCE_END = /[。！？!?；;\n\r]/;
const CLAUSE_END = /[\p{P}\n\r]/u;

/** Is there a sentence (or clause) boundary in the original text between two normalised spans? */
export function separated(norm: NormalizedText, left: Span, right: Span, clause: boolean): boolean {
  if (right.start < left.end) return false; // overlapping spans: nothing in between
  const from = norm.ends[left.end - 1] ?? 0;
  const to = norm.starts[right.start] ?? 0;
  if (to <= from) return false;
  const between = norm.original.slice(from, to);
  return (clause ? CLAUSE_END : SENTENCE_END).test(between);
}

function brokenBetween(breakers: readonly Span[], from: number, to: number): boolean {
  return breakers.some((b) => b.start >= from && b.end <= to);
}

/** The frame that turns this claim into a warning, if any. */
export function findNegation(
  hit: Span & { readonly category: Category; readonly rule_id: string },
  frames: readonly FrameMatch[],
  breakers: readonly Span[],
  norm: NormalizedText,
): FrameMatch | undefined {
  for (const f of frames) {
    const { frame } = f;
    if (frame.categories !== null && !frame.categories.has(hit.category)) continue;
    if (frame.ruleIds !== null && !frame.ruleIds.has(hit.rule_id)) continue;
    // Frame before the claim (it may overlap the claim's start: 不一定能瘦 ⊃ 一定能瘦).
    if (
      frame.before &&
      f.start < hit.start &&
      hit.start - f.end <= frame.window &&
      !separated(norm, f, hit, frame.clauseScope) &&
      !brokenBetween(breakers, f.start, hit.start)
    ) {
      return f;
    }
    // Frame after the claim.
    if (
      frame.after &&
      f.start > hit.start &&
      f.end > hit.end &&
      f.start - hit.end <= frame.window &&
      !separated(norm, hit, f, frame.clauseScope) &&
      !brokenBetween(breakers, hit.end, f.start)
    ) {
      return f;
    }
  }
  return undefined;
}
