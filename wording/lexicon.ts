/**
 * Loading the wording lexicon: the shipped default (`lexicon.zh-CN.json`, next to this file)
 * plus, optionally, an admin's extra file that adds terms, overrides default ones (same
 * term after normalisation) or switches them off (`"disabled": true`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { canonical } from './normalize.ts';
import { LexiconError, type Lexicon, type LexiconTerm } from './lexicon-schema.ts';
import { parseLexicon } from './lexicon-parse.ts';

export { CATEGORIES, SEVERITIES, LexiconError } from './lexicon-schema.ts';
export { parseLexicon } from './lexicon-parse.ts';
export type { Category, Severity, Lexicon, LexiconTerm, LexiconSource, NegationFrame, ProximityRule } from './lexicon-schema.ts';

export const DEFAULT_LEXICON_PATH = fileURLToPath(new URL('./lexicon.zh-CN.json', import.meta.url));

function readJson(path: string): unknown {
  let body: string;
  try {
    body = readFileSync(path, 'utf8');
  } catch (err) {
    throw new LexiconError(`lexicon ${path}: cannot read file (${(err as Error).message})`);
  }
  try {
    return JSON.parse(body) as unknown;
  } catch (err) {
    throw new LexiconError(`lexicon ${path}: not valid JSON (${(err as Error).message})`);
  }
}

/** Load and validate one complete lexicon file. */
export function loadLexiconFile(path: string): Lexicon {
  return parseLexicon(readJson(path), path);
}

/**
 * Layer `extra` over `base`. A term in `extra` replaces the base term with the same canonical
 * form (so an admin can change severity or wording); `disabled: true` removes it. Lists of
 * allow words, frames and breakers are appended.
 */
export function mergeLexicons(base: Lexicon, extra: Lexicon): Lexicon {
  const byKey = new Map<string, LexiconTerm>();
  for (const t of base.terms) byKey.set(canonical(t.term), t);
  for (const t of extra.terms) {
    const key = canonical(t.term);
    if (t.disabled === true) byKey.delete(key);
    else byKey.set(key, t);
  }
  const terms = [...byKey.values()];
  const termKeys = new Set(byKey.keys());
  // An allow word equal to a live term would silence it; drop the allow word, the term wins.
  const allow = [...new Set([...base.allow, ...extra.allow])].filter((a) => !termKeys.has(canonical(a)));
  return {
    ...base,
    terms,
    allow,
    sources: [...base.sources, ...extra.sources.filter((s) => !base.sources.some((b) => b.id === s.id))],
    proximity: [...base.proximity, ...extra.proximity],
    negation_frames: [...base.negation_frames, ...extra.negation_frames],
    frame_breakers: [...new Set([...base.frame_breakers, ...extra.frame_breakers])],
  };
}

/**
 * The lexicon a service should use: the default, extended by `extraPath` when given. The
 * extra file may be partial (only `terms`, only `allow`, …).
 */
export function loadLexicon(options: { extraPath?: string; basePath?: string } = {}): Lexicon {
  const base = loadLexiconFile(options.basePath ?? DEFAULT_LEXICON_PATH);
  if (options.extraPath === undefined) return base;
  return mergeLexicons(base, parseLexicon(readJson(options.extraPath), options.extraPath, { partial: true }));
}
