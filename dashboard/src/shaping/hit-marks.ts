import type { TimelineHit } from '../api/session-types.ts';

/**
 * A transcript line cut into pieces at every wording-hit boundary, so each hit can be marked
 * exactly where the detector found it.
 *
 * Spans are UTF-16 offsets — what the detector reports and what `String.prototype.slice` takes —
 * so Chinese text (one code unit per character in the BMP) needs no byte or code-point
 * conversion. Hits may overlap (two rules on one phrase, or a longer phrase containing a
 * shorter one): every piece carries all the hits covering it, so an overlap is marked once and
 * its tooltip names both.
 */
export interface MarkedPiece {
  text: string;
  start: number;
  end: number;
  /** The hits covering this piece, in the order given; empty for plain text. */
  hits: TimelineHit[];
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * The span of a hit in `text`: as given when it lies inside the text, else the first occurrence
 * of its phrase (a replayed or re-normalised line), else null. An edge inside a surrogate pair
 * (an emoji, a CJK extension character) moves outward so a mark never cuts a character in two.
 */
export function hitSpan(text: string, hit: Pick<TimelineHit, 'start' | 'end' | 'phrase'>): { start: number; end: number } | null {
  let start = hit.start;
  let end = hit.end;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.length)) {
    const at = hit.phrase ? text.indexOf(hit.phrase) : -1;
    if (at === -1) return null;
    start = at;
    end = at + hit.phrase.length;
  }
  if (start > 0 && isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start -= 1;
  if (end < text.length && isLow(text.charCodeAt(end)) && isHigh(text.charCodeAt(end - 1))) end += 1;
  return { start, end };
}

export function markHits(text: string, hits: readonly TimelineHit[]): MarkedPiece[] {
  const placed = hits.flatMap((h) => {
    const span = hitSpan(text, h);
    return span ? [{ hit: h, ...span }] : [];
  });
  const cuts = [...new Set([0, text.length, ...placed.flatMap((p) => [p.start, p.end])])].sort((a, b) => a - b);
  const pieces: MarkedPiece[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const covering = placed.filter((p) => p.start <= start && p.end >= end).map((p) => p.hit);
    const last = pieces[pieces.length - 1];
    // Neighbours under the same hits read as one piece (one <mark>, one tooltip).
    if (last && sameHits(last.hits, covering)) {
      last.end = end;
      last.text = text.slice(last.start, end);
    } else {
      pieces.push({ text: text.slice(start, end), start, end, hits: covering });
    }
  }
  return pieces.length > 0 ? pieces : [{ text, start: 0, end: text.length, hits: [] }];
}

function sameHits(a: readonly TimelineHit[], b: readonly TimelineHit[]): boolean {
  return a.length === b.length && a.every((h, i) => h === b[i]);
}

