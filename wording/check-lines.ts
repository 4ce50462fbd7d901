/**
 * The one shape every caller of the wording check shares: the CLI (`radar wording check`,
 * stdin lines → one JSON line each) and the API (`POST /v1/wording/check`) both return
 * `{ text, hits }`, plus `suppressed` (every candidate that was dropped, with the reason)
 * when asked to explain, so a host console, a script and a test read the same thing.
 */
import type { DetectContext, Detector, SuppressedHit, WordingHit } from './detector.ts';

export interface WordingCheckResult {
  readonly text: string;
  /** Each hit says its category, rule id, law article / platform rule (`basis`), the span as said (`matched`, `start`, `end`), the normalised form that matched and how (`via`). */
  readonly hits: WordingHit[];
  /** Only with `explain`: allow-listed words, list markers, warnings, lawful-for-this-SKU claims, overlaps. */
  readonly suppressed?: SuppressedHit[];
}

export interface CheckOptions {
  readonly explain?: boolean;
}

export function checkText(detector: Detector, text: string, context?: DetectContext, options: CheckOptions = {}): WordingCheckResult {
  if (options.explain === true) {
    const { hits, suppressed } = detector.explain(text, context);
    return { text, hits, suppressed };
  }
  return { text, hits: detector.detect(text, context) };
}

/**
 * Lines in, JSON lines out (without trailing newline). A trailing `\r` (Windows input) is
 * stripped; empty lines still produce a result so output line N always answers input line N.
 */
export function* checkLines(detector: Detector, lines: Iterable<string>, context?: DetectContext, options: CheckOptions = {}): Generator<string> {
  for (const raw of lines) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    yield JSON.stringify(checkText(detector, text, context, options));
  }
}
