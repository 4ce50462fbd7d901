/**
 * Aho–Corasick (modern-ahocorasick) over canonical text, behind a cheap gate.
 *
 * The automaton runs on an ASCII spelling of the text (see ascii-codec.ts): the library's
 * grapheme segmentation of Chinese input would otherwise cost ~10× the matching itself.
 *
 * The gate: most host segments and viewer comments contain no pattern at all, so before
 * searching we scan for the first three code units of a gating pattern (its first two when it
 * has only two, the unit itself when it has one). Three, not two: with ~1,000 terms many
 * pairs are everyday words (都是 of 都是智商税, 朋友 of 朋友圈, 可以 of 可以治). No candidate → no gating pattern can match → skip the search and return
 * []. Non-gating patterns (allow words, frames) only matter next to a gating one, so losing
 * them then is intended. The gate never misses a gating pattern, only lets extra text through.
 *
 * Patterns that begin or end with a Latin letter (qq, vx, no1, xl) only match on a Latin
 * word boundary on that side, so `qq` does not fire inside `qqxing`.
 */
import AhoCorasick from 'modern-ahocorasick';
import { AsciiCodec } from './ascii-codec.ts';

export interface GatedEntry<T> {
  readonly pattern: string;
  readonly data: T;
  /** Whether this pattern alone justifies a full search (risky terms do; allow words don't). */
  readonly gates: boolean;
}

export interface GatedMatch<T> {
  readonly start: number;
  readonly end: number;
  readonly data: T;
}

const LATIN_START = 1;
const LATIN_END = 2;
const isLatin = (u: number): boolean => u >= 0x61 && u <= 0x7a; // canonical text is lower case

export class GatedMatcher<T> {
  private readonly matcher: AhoCorasick<T>;
  private readonly codec: AsciiCodec;
  /** Per pattern index: which edges are Latin letters and need a word boundary. */
  private readonly edges: Uint8Array;
  /** Code units that are complete gating patterns on their own (e.g. 最). */
  private readonly singles = new Uint8Array(0x10000);
  /** Code units that start a gating pattern of length ≥ 2, for a fast first check. */
  private readonly pairHeads = new Uint8Array(0x10000);
  /** Gating patterns of length 2, packed as head * 0x10000 + next. */
  private readonly pairs = new Set<number>();
  /** First three code units of gating patterns of length ≥ 3, packed the same way (< 2^48). */
  private readonly triples = new Set<number>();

  constructor(entries: readonly GatedEntry<T>[]) {
    this.codec = new AsciiCodec(entries.map((e) => e.pattern));
    this.matcher = new AhoCorasick(entries.map((e) => ({ pattern: this.codec.encode(e.pattern), data: e.data })));
    this.edges = new Uint8Array(entries.length);
    entries.forEach((e, i) => {
      const first = e.pattern.charCodeAt(0);
      const last = e.pattern.charCodeAt(e.pattern.length - 1);
      this.edges[i] = (isLatin(first) ? LATIN_START : 0) | (isLatin(last) ? LATIN_END : 0);
    });
    for (const e of entries) {
      if (!e.gates) continue;
      const head = e.pattern.charCodeAt(0);
      if (e.pattern.length === 1) {
        this.singles[head] = 1;
      } else {
        this.pairHeads[head] = 1;
        const pair = head * 0x10000 + e.pattern.charCodeAt(1);
        if (e.pattern.length === 2) this.pairs.add(pair);
        else this.triples.add(pair * 0x10000 + e.pattern.charCodeAt(2));
      }
    }
  }

  /** True when some gating pattern could start in `text`. */
  mayMatch(text: string): boolean {
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (this.singles[c] === 1) return true;
      if (this.pairHeads[c] === 1 && i + 1 < n) {
        const pair = c * 0x10000 + text.charCodeAt(i + 1);
        if (this.pairs.has(pair)) return true;
        if (i + 2 < n && this.triples.has(pair * 0x10000 + text.charCodeAt(i + 2))) return true;
      }
    }
    return false;
  }

  /** Every occurrence of every pattern (overlaps included), or [] when the gate is closed. */
  findAll(text: string): GatedMatch<T>[] {
    if (!this.mayMatch(text)) return [];
    const out: GatedMatch<T>[] = [];
    const w = this.codec.width;
    for (const m of this.matcher.search(this.codec.encode(text))) {
      if (m.data === undefined) continue;
      const start = m.start / w; // aligned by construction, see ascii-codec.ts
      const end = m.end / w;
      const edges = this.edges[m.patternIndex] ?? 0;
      if ((edges & LATIN_START) !== 0 && start > 0 && isLatin(text.charCodeAt(start - 1))) continue;
      if ((edges & LATIN_END) !== 0 && end < text.length && isLatin(text.charCodeAt(end))) continue;
      out.push({ start, end, data: m.data });
    }
    return out;
  }
}
