/**
 * Risky host wording detector (DESIGN §5 “risky host wording”).
 *
 * Per segment: normalise → match (compiled-lexicon.ts: terms, allow words, frames, breakers,
 * proximity parts; plus homophones on the sound spelling) → drop terms inside an allow word
 * or used as a list marker → pair proximity parts → keep the longest of overlapping claims →
 * drop claims that are lawful for this SKU (refund policy, SKU category) or sit inside a
 * warning frame → map back to original offsets. `explain()` also returns every dropped
 * candidate with the reason, for operators (`radar wording check --explain`).
 */
import { compileLexicon, proximityTerm, type CompiledLexicon, type PatternRef } from './compiled-lexicon.ts';
import type { Category, Lexicon, LexiconTerm, Severity } from './lexicon-schema.ts';
import { findNegation, separated, type FrameMatch, type Span } from './negation.ts';
import { normalizeShared, type NormalizedText } from './normalize.ts';
import { spell, toSound } from './sound.ts';
import { conditionVerdict, isListMarker, type DetectContext } from './conditions.ts';

export type { DetectContext } from './conditions.ts';

/** How a hit was found: the text itself, its sound (homophone / pinyin), or two phrases near each other. */
export type MatchVia = 'text' | 'sound' | 'proximity';

export interface WordingHit {
  /** The lexicon term as written in the lexicon (`A…B` for a proximity rule). */
  readonly term: string;
  /** What the host actually said, sliced from the original text (may contain spaces/emoji). */
  readonly matched: string;
  /** The normalised form that matched (full width, traditional, 薇信 → 微信 … already folded). */
  readonly normalized: string;
  readonly category: Category;
  readonly rule_id: string;
  readonly severity: Severity;
  readonly alternative: string;
  /** The law article or platform rule, and the lexicon source the term came from. */
  readonly basis: string;
  readonly source: string;
  readonly via: MatchVia;
  /** For `via: 'sound'`: the pinyin that matched (“wei xin”). */
  readonly pinyin?: string;
  /** UTF-16 offsets into the original text; `text.slice(start, end) === matched`. */
  readonly start: number;
  readonly end: number;
}

export type SuppressReason = 'allow_word' | 'list_marker' | 'refund_policy' | 'sku_category' | 'warning_frame' | 'overlap';

/** A candidate that did not become a hit, and why (only from `explain`). */
export interface SuppressedHit extends Omit<WordingHit, 'via' | 'pinyin'> {
  readonly via: MatchVia;
  readonly reason: SuppressReason;
  readonly detail: string;
}

export interface Explanation {
  readonly hits: WordingHit[];
  readonly suppressed: SuppressedHit[];
}

export interface Detector {
  detect(text: string, context?: DetectContext): WordingHit[];
  explain(text: string, context?: DetectContext): Explanation;
}

interface Candidate extends Span {
  readonly term: LexiconTerm;
  readonly rank: number;
  readonly via: MatchVia;
  readonly pinyin?: string;
}

interface Matches {
  readonly terms: Candidate[];
  readonly allows: Array<Span & { word: string }>;
  readonly frames: FrameMatch[];
  readonly breakers: Span[];
  readonly prox: Array<Span & { ref: Extract<PatternRef, { kind: 'prox' }> }>;
}

function collect(compiled: CompiledLexicon, norm: NormalizedText): Matches | null {
  const found = compiled.text.findAll(norm.text);
  const out: Matches = { terms: [], allows: [], frames: [], breakers: [], prox: [] };
  for (const m of found) {
    const ref = m.data;
    if (ref.kind === 'term') out.terms.push({ start: m.start, end: m.end, term: ref.term, rank: ref.rank, via: 'text' });
    else if (ref.kind === 'allow') out.allows.push({ start: m.start, end: m.end, word: ref.word });
    else if (ref.kind === 'frame') out.frames.push({ start: m.start, end: m.end, frame: ref.frame, pattern: ref.pattern });
    else if (ref.kind === 'breaker') out.breakers.push(m);
    else out.prox.push({ start: m.start, end: m.end, ref });
  }
  if (compiled.sound !== null && compiled.soundGate.mayMatch(norm.text)) {
    const sound = toSound(norm.text);
    for (const m of compiled.sound.findAll(sound.text)) {
      const start = sound.starts[m.start] ?? 0;
      const end = sound.ends[m.end - 1] ?? 0;
      if (norm.text.slice(start, end) === m.data.key) continue; // the text matcher has it already
      out.terms.push({ start, end, term: m.data.term, rank: m.data.rank, via: 'sound', pinyin: spell(sound.text.slice(m.start, m.end)) });
    }
  }
  if (out.terms.length === 0 && out.prox.length === 0) return null;
  return out;
}

/** Proximity rules: each `then` part pairs with the nearest `first` part before it. */
function pairProximity(norm: NormalizedText, m: Matches): Candidate[] {
  const out: Candidate[] = [];
  const parts = m.prox.filter((p) => allowOf(m, p) === undefined);
  for (const then of parts) {
    if (then.ref.part !== 'then') continue;
    const { rule } = then.ref.prox;
    let best: (typeof parts)[number] | undefined;
    for (const first of parts) {
      if (first.ref.part !== 'first' || first.ref.prox !== then.ref.prox) continue;
      if (first.end > then.start || then.start - first.end > rule.window) continue;
      if (separated(norm, first, then, rule.scope === 'clause')) continue;
      if (best === undefined || first.start > best.start) best = first;
    }
    if (best === undefined) continue;
    out.push({ start: best.start, end: then.end, term: proximityTerm(rule, best.ref.pattern, then.ref.pattern), rank: then.ref.prox.rank, via: 'proximity' });
  }
  return out;
}

/**
 * Two claims compete when they overlap, unless one is a proximity claim of another category
 * that is not inside the other (比打针还管用 and 绝对 in one clause are two claims; 治…病
 * inside 包治百病 is not).
 */
function conflict(a: Candidate, b: Candidate): boolean {
  if (a.end <= b.start || b.end <= a.start) return false;
  if (a.via !== 'proximity' && b.via !== 'proximity') return true;
  if (a.term.category === b.term.category) return true;
  const inside = (x: Span, y: Span): boolean => y.start <= x.start && x.end <= y.end;
  return (a.via === 'proximity' && inside(a, b)) || (b.via === 'proximity' && inside(b, a));
}

type Shaped = Omit<WordingHit, 'pinyin'>;

function shape(c: Candidate, text: string, norm: NormalizedText): Shaped {
  const start = norm.starts[c.start] ?? 0;
  const end = norm.ends[c.end - 1] ?? 0;
  return {
    term: c.term.term, matched: text.slice(start, end), normalized: norm.text.slice(c.start, c.end),
    category: c.term.category, rule_id: c.term.rule_id, severity: c.term.severity, alternative: c.term.alternative,
    basis: c.term.basis, source: c.term.source, via: c.via, start, end,
  };
}

function allowOf(m: Matches, s: Span): (Span & { word: string }) | undefined {
  for (const a of m.allows) if (a.start <= s.start && s.end <= a.end) return a;
  return undefined;
}

function noDrop(): void {}

function byLength(a: Candidate, b: Candidate): number {
  return b.end - b.start - (a.end - a.start) || b.rank - a.rank || a.start - b.start;
}

/**
 * Everything after matching. `out.suppressed` is filled only when explaining, so the hot
 * path (detect) builds no strings for candidates that are dropped.
 */
function decide(text: string, norm: NormalizedText, m: Matches, context: DetectContext | undefined, out: Explanation | null): WordingHit[] {
  const hits: WordingHit[] = [];
  const drop = out === null ? noDrop : (c: Candidate, reason: SuppressReason, detail: string): void => {
    out.suppressed.push({ ...shape(c, text, norm), reason, detail });
  };
  const candidates: Candidate[] = [];
  for (const t of m.terms) {
    const allow = allowOf(m, t);
    if (allow !== undefined) {
      if (out !== null) drop(t, 'allow_word', `inside the ordinary word “${allow.word}”`);
    } else if (t.term.list_marker_exempt === true && isListMarker(norm, t)) {
      if (out !== null) drop(t, 'list_marker', 'used as a list marker (第一，…；第二，…)');
    } else candidates.push(t);
  }
  if (m.prox.length > 0) candidates.push(...pairProximity(norm, m));
  if (candidates.length === 0) return hits;

  candidates.sort(byLength);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    const winner = kept.find((k) => conflict(c, k));
    if (winner === undefined) kept.push(c);
    else if (out !== null) drop(c, 'overlap', `part of the longer hit “${winner.term.term}”`);
  }
  kept.sort((a, b) => a.start - b.start);
  for (const c of kept) {
    const verdict = conditionVerdict(c.term, context);
    if (verdict !== null) {
      if (out !== null) drop(c, verdict.reason, verdict.detail);
      continue;
    }
    const frame = m.frames.length > 0 ? findNegation({ start: c.start, end: c.end, category: c.term.category, rule_id: c.term.rule_id }, m.frames, m.breakers, norm) : undefined;
    if (frame !== undefined) {
      if (out !== null) drop(c, 'warning_frame', `“${frame.pattern}” ${frame.start < c.start ? 'before' : 'after'} it${frame.frame.note ? ` (${frame.frame.note})` : ''}`);
      continue;
    }
    const hit = shape(c, text, norm);
    hits.push(c.pinyin === undefined ? hit : { ...hit, pinyin: c.pinyin });
  }
  return hits;
}

export function createDetector(lexicon: Lexicon): Detector {
  const compiled = compileLexicon(lexicon);
  return {
    detect(text, context) {
      const norm = normalizeShared(text);
      const m = collect(compiled, norm);
      return m === null ? [] : decide(text, norm, m, context, null);
    },
    explain(text, context) {
      const out: Explanation = { hits: [], suppressed: [] };
      const norm = normalizeShared(text);
      const m = collect(compiled, norm);
      if (m !== null) out.hits.push(...decide(text, norm, m, context, out));
      return out;
    },
  };
}
