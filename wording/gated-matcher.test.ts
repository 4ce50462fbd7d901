import { readFileSync } from 'node:fs';
import AhoCorasick from 'modern-ahocorasick';
import { describe, expect, it } from 'vitest';
import { AsciiCodec } from './ascii-codec.ts';
import { GatedMatcher } from './gated-matcher.ts';
import { loadLexicon } from './lexicon.ts';
import { canonical } from './normalize.ts';

/** Deterministic PRNG so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const key = (m: { start: number; end: number; data: unknown }): string => `${m.start}-${m.end}-${String(m.data)}`;

describe('ASCII codec', () => {
  it('spells each unit with the same number of ASCII characters, leads never inside a symbol', () => {
    const codec = new AsciiCodec(['最好', '全网最低', 'qq']);
    const encoded = codec.encode('这是最好的qq');
    expect(encoded.length).toBe(7 * codec.width);
    expect(/^[\x21-\x7e]*$/.test(encoded)).toBe(true);
    for (let i = 0; i < encoded.length; i++) expect(/[A-Za-z]/.test(encoded[i] ?? ''), `position ${i}`).toBe(i % codec.width === 0);
  });

  it('grows the width when the alphabet does not fit', () => {
    const many = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(0x4e00 + i));
    expect(new AsciiCodec(many.slice(0, 40)).width).toBe(1);
    expect(new AsciiCodec(many.slice(0, 1000)).width).toBe(2);
    expect(new AsciiCodec(many).width).toBe(3);
  });
});

describe('GatedMatcher finds exactly what the library finds on the plain text', () => {
  const lexicon = loadLexicon();
  const patterns = [...new Set([
    ...lexicon.terms.map((t) => canonical(t.term)),
    ...lexicon.allow.map(canonical),
    ...lexicon.negation_frames.flatMap((f) => f.patterns.map(canonical)),
  ])].filter((p) => !/^[a-z]|[a-z]$/.test(p)); // Latin-edged ones get extra boundary rules
  const gated = new GatedMatcher(patterns.map((p, i) => ({ pattern: p, data: i, gates: true })));
  const plain = new AhoCorasick(patterns.map((p, i) => ({ pattern: p, data: i })));
  const alphabet = [...new Set(patterns.join(''))].concat(['的', '了', '1', 'x']);
  const sentences = readFileSync(new URL('./testdata/labelled.zh-CN.jsonl', import.meta.url), 'utf8')
    .split('\n').filter((l) => l.trim() !== '').map((l) => canonical((JSON.parse(l) as { text: string }).text));

  it('on the labelled sentences and on random strings over the pattern alphabet', () => {
    const r = rng(42);
    // Random characters of the pattern alphabet, with whole patterns spliced in, so that
    // overlapping and adjacent matches are common.
    const piece = (): string => (r() < 0.3 ? (patterns[Math.floor(r() * patterns.length)] ?? '') : (alphabet[Math.floor(r() * alphabet.length)] ?? ''));
    const randoms = Array.from({ length: 2000 }, () => Array.from({ length: 3 + Math.floor(r() * 20) }, piece).join(''));
    let total = 0;
    for (const text of [...sentences, ...randoms]) {
      const want = plain.search(text).map((m) => key({ start: m.start, end: m.end, data: m.data })).sort();
      const got = gated.findAll(text).map(key).sort();
      expect(got, text).toEqual(want);
      total += want.length;
    }
    expect(total).toBeGreaterThan(10_000);
  });
});
