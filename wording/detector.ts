/**
 * Risky host wording detector (DESIGN §5 “risky host wording”).
 *
 * One Aho–Corasick automaton holds four kinds of pattern, all in canonical (normalised)
 * form: risky terms, allow-listed ordinary words, warning/negation frames and frame
 * breakers. Per segment: normalise → match → drop terms inside an allow word or used as a
 * list marker → keep the longest of overlapping terms → drop terms that are true for this
 * SKU's refund policy or sit inside a warning frame → map back to original offsets.
 */
import { GatedMatcher } from './gated-matcher.ts';
import type { Category, Lexicon, LexiconTerm, Severity } from './lexicon-schema.ts';
import { compileFrame, isNegated, type CompiledFrame, type FrameMatch, type Span } from './negation.ts';
import { canonical, normalize, type NormalizedText } from './normalize.ts';

export interface WordingHit {
  /** The lexicon term as written in the lexicon. */
  readonly term: string;
  /** What the host actually said, sliced from the original text (may contain spaces/emoji). */
  readonly matched: string;
  readonly category: Category;
  readonly rule_id: string;
  readonly severity: Severity;
  readonly alternative: string;
  /** UTF-16 offsets into the original text; `text.slice(start, end) === matched`. */
  readonly start: number;
  readonly end: number;
}

export interface DetectContext {
  /** Refund policy of the SKU on screen (`7day_no_reason`, `quality_only`, …) when known. */
  readonly refundPolicy?: string;
}

export interface Detector {
  detect(text: string, context?: DetectContext): WordingHit[];
}

type PatternRef =
  | { readonly kind: 'term'; readonly term: LexiconTerm; readonly rank: number }
  | { readonly kind: 'allow' }
  | { readonly kind: 'frame'; readonly frame: CompiledFrame }
  | { readonly kind: 'breaker' };

interface TermSpan extends Span {
  readonly term: LexiconTerm;
  readonly rank: number;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2 };
const LIST_PUNCT = /[，,、:：.．;；。！!？?\n]/;

/** 第一，面料好；第二… : the term opens a clause and is followed by a comma/colon. */
function isListMarker(norm: NormalizedText, span: Span): boolean {
  const text = norm.original;
  let i = (norm.starts[span.start] ?? 0) - 1;
  while (i >= 0 && /\s/.test(text[i] ?? '')) i--;
  if (i >= 0 && !LIST_PUNCT.test(text[i] ?? '')) return false;
  let j = norm.ends[span.end - 1] ?? 0;
  while (j < text.length && /\s/.test(text[j] ?? '')) j++;
  return j < text.length && /[，,、:：]/.test(text[j] ?? '');
}

/** Overlapping terms: keep the longest; ties go to higher severity, then the earlier one. */
function keepLongest(spans: TermSpan[]): TermSpan[] {
  const ordered = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || b.rank - a.rank || a.start - b.start);
  const kept: TermSpan[] = [];
  for (const s of ordered) {
    if (kept.every((k) => s.end <= k.start || s.start >= k.end)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** A term restricted to some refund policies is a claim only for those SKUs. */
function appliesToPolicy(term: LexiconTerm, context: DetectContext | undefined): boolean {
  if (term.only_for_policies === undefined) return true;
  const policy = context?.refundPolicy;
  if (policy === undefined || policy === '') return term.if_policy_unknown === 'fire';
  return term.only_for_policies.includes(policy);
}

function buildMatcher(lexicon: Lexicon): GatedMatcher<PatternRef> {
  const entries: { pattern: string; data: PatternRef; gates: boolean }[] = [];
  for (const term of lexicon.terms) {
    if (term.disabled === true) continue;
    const pattern = canonical(term.term);
    entries.push({ pattern, gates: true, data: { kind: 'term', term, rank: SEVERITY_RANK[term.severity] } });
  }
  for (const word of lexicon.allow) {
    const pattern = canonical(word);
    entries.push({ pattern, gates: false, data: { kind: 'allow' } });
  }
  for (const frame of lexicon.negation_frames) {
    const compiled = compileFrame(frame, lexicon.negation_window);
    for (const p of frame.patterns) {
      const pattern = canonical(p);
      entries.push({ pattern, gates: false, data: { kind: 'frame', frame: compiled } });
    }
  }
  for (const word of lexicon.frame_breakers) {
    const pattern = canonical(word);
    entries.push({ pattern, gates: false, data: { kind: 'breaker' } });
  }
  return new GatedMatcher(entries);
}

export function createDetector(lexicon: Lexicon): Detector {
  const matcher = buildMatcher(lexicon);

  function detect(text: string, context?: DetectContext): WordingHit[] {
    const norm = normalize(text);
    const matches = matcher.findAll(norm.text);
    if (matches.length === 0) return [];

    const terms: TermSpan[] = [];
    const allows: Span[] = [];
    const frames: FrameMatch[] = [];
    const breakers: Span[] = [];
    for (const m of matches) {
      const ref = m.data;
      if (ref.kind === 'term') terms.push({ start: m.start, end: m.end, term: ref.term, rank: ref.rank });
      else if (ref.kind === 'allow') allows.push(m);
      else if (ref.kind === 'frame') frames.push({ start: m.start, end: m.end, frame: ref.frame });
      else breakers.push(m);
    }
    if (terms.length === 0) return [];

    const candidates = terms.filter(
      (t) =>
        !allows.some((a) => a.start <= t.start && t.end <= a.end) &&
        !(t.term.list_marker_exempt === true && isListMarker(norm, t)),
    );
    const hits: WordingHit[] = [];
    for (const t of keepLongest(candidates)) {
      if (!appliesToPolicy(t.term, context)) continue;
      if (frames.length > 0 && isNegated({ start: t.start, end: t.end, category: t.term.category }, frames, breakers, norm)) continue;
      const start = norm.starts[t.start] ?? 0;
      const end = norm.ends[t.end - 1] ?? 0;
      hits.push({
        term: t.term.term,
        matched: text.slice(start, end),
        category: t.term.category,
        rule_id: t.term.rule_id,
        severity: t.term.severity,
        alternative: t.term.alternative,
        start,
        end,
      });
    }
    return hits;
  }

  return { detect };
}
