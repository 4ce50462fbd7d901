/**
 * The one shape every caller of the wording check shares: the CLI (`radar wording check`,
 * stdin lines → one JSON line each) and the API (`POST /v1/wording/check`) both return
 * `{ text, hits }`, so a host console, a script and a test read the same thing.
 */
import type { DetectContext, Detector, WordingHit } from './detector.ts';

export interface WordingCheckResult {
  readonly text: string;
  readonly hits: WordingHit[];
}

export function checkText(detector: Detector, text: string, context?: DetectContext): WordingCheckResult {
  return { text, hits: detector.detect(text, context) };
}

/**
 * Lines in, JSON lines out (without trailing newline). A trailing `\r` (Windows input) is
 * stripped; empty lines still produce a result so output line N always answers input line N.
 */
export function* checkLines(detector: Detector, lines: Iterable<string>, context?: DetectContext): Generator<string> {
  for (const raw of lines) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    yield JSON.stringify(checkText(detector, text, context));
  }
}
