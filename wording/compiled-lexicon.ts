/**
 * A lexicon compiled for matching: one Aho–Corasick automaton over canonical text holding
 * risky terms, allow words, frame phrases, frame breakers and the two parts of proximity
 * rules; and a second one over the sound spelling (sound.ts) holding the terms marked
 * `sound_alike`.
 */
import { GatedMatcher } from './gated-matcher.ts';
import type { Category, Lexicon, LexiconTerm, ProximityRule, Severity } from './lexicon-schema.ts';
import { compileFrame, type CompiledFrame } from './negation.ts';
import { canonical } from './normalize.ts';
import { SoundGate, soundKey } from './sound.ts';

/** Shortest sound key matched by homophone (see the comment where it is used). */
export const MIN_SOUND_SYLLABLES = 3;

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2 };

export interface CompiledProximity {
  readonly rule: ProximityRule;
  readonly index: number;
  readonly rank: number;
}

export type PatternRef =
  | { readonly kind: 'term'; readonly term: LexiconTerm; readonly rank: number }
  | { readonly kind: 'allow'; readonly word: string }
  | { readonly kind: 'frame'; readonly frame: CompiledFrame; readonly pattern: string }
  | { readonly kind: 'breaker' }
  | { readonly kind: 'prox'; readonly prox: CompiledProximity; readonly part: 'first' | 'then'; readonly pattern: string };

export interface CompiledLexicon {
  readonly text: GatedMatcher<PatternRef>;
  /** Null when no term is marked sound_alike. */
  readonly sound: GatedMatcher<{ readonly term: LexiconTerm; readonly rank: number; readonly key: string }> | null;
  readonly soundGate: SoundGate;
  readonly proximityCount: number;
}

export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const entries: { pattern: string; data: PatternRef; gates: boolean }[] = [];
  const soundEntries: { pattern: string; data: { term: LexiconTerm; rank: number; key: string }; gates: boolean }[] = [];
  for (const term of lexicon.terms) {
    if (term.disabled === true) continue;
    const pattern = canonical(term.term);
    const rank = SEVERITY_RANK[term.severity];
    entries.push({ pattern, gates: true, data: { kind: 'term', term, rank } });
    if (term.sound_alike === true) {
      const key = soundKey(pattern);
      // Keys of one or two syllables would match ordinary words read the same way (用不 =
      // yong bu = 永不, 为新 = wei xin = 微信); two-character evasions (薇信, 威信, 决对) are in
      // the explicit variant table of normalize.ts instead.
      if (key !== undefined && key.length >= MIN_SOUND_SYLLABLES) soundEntries.push({ pattern: key, gates: true, data: { term, rank, key: pattern } });
    }
  }
  for (const word of lexicon.allow) entries.push({ pattern: canonical(word), gates: false, data: { kind: 'allow', word } });
  for (const frame of lexicon.negation_frames) {
    const compiled = compileFrame(frame, lexicon.negation_window);
    for (const p of frame.patterns) entries.push({ pattern: canonical(p), gates: false, data: { kind: 'frame', frame: compiled, pattern: p } });
  }
  for (const word of lexicon.frame_breakers) entries.push({ pattern: canonical(word), gates: false, data: { kind: 'breaker' } });
  lexicon.proximity.forEach((rule, index) => {
    const prox: CompiledProximity = { rule, index, rank: SEVERITY_RANK[rule.severity] };
    // A claim needs both parts; the rarer one (`gate`, default first) opens the search.
    const gateThen = rule.gate === 'then';
    for (const p of rule.first) entries.push({ pattern: canonical(p), gates: !gateThen, data: { kind: 'prox', prox, part: 'first', pattern: p } });
    for (const p of rule.then) entries.push({ pattern: canonical(p), gates: gateThen, data: { kind: 'prox', prox, part: 'then', pattern: p } });
  });
  return {
    text: new GatedMatcher(entries),
    sound: soundEntries.length > 0 ? new GatedMatcher(soundEntries) : null,
    soundGate: new SoundGate(soundEntries.map((e) => e.pattern)),
    proximityCount: lexicon.proximity.length,
  };
}

const proximityTerms = new WeakMap<ProximityRule, Map<string, LexiconTerm>>();

/** The lexicon term a proximity hit reports: both phrases joined by “…” (built once per pair). */
export function proximityTerm(rule: ProximityRule, first: string, then: string): LexiconTerm {
  let byPair = proximityTerms.get(rule);
  if (byPair === undefined) proximityTerms.set(rule, (byPair = new Map()));
  const key = `${first}…${then}`;
  let term = byPair.get(key);
  if (term === undefined) {
    const { first: _f, then: _t, window: _w, scope: _s, gate: _g, ...meta } = rule;
    term = { ...meta, term: key };
    byPair.set(key, term);
  }
  return term;
}

export type { Category };
