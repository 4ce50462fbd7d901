/**
 * An ASCII spelling of canonical text, so modern-ahocorasick can take its fast path.
 *
 * Why: the library matches whole grapheme clusters. Any non-ASCII input goes through
 * Intl.Segmenter, ~0.7 µs per character on these machines (≈12 µs for a short host
 * segment, whatever the dictionary), while pure-ASCII input is scanned directly (≈1 µs for
 * the same segment). Our canonical text never needs grapheme segmentation — normalisation
 * already dropped emoji, ZWJ, variation selectors and combining marks — so we hand the
 * matcher an ASCII encoding of it and map offsets back.
 *
 * Encoding: every canonical code unit becomes exactly `width` ASCII characters: one LEAD
 * character followed by `width - 1` TRAIL characters, from disjoint sets. An encoded pattern
 * starts with a LEAD, and LEADs only occur at unit boundaries, so every match is aligned and
 * `encodedOffset / width` is the canonical offset. Units that occur in no pattern share one
 * “other” symbol, which keeps the alphabet (and the width) small. Neither set contains \r or
 * \n, so no two characters ever form one grapheme.
 */

const LEAD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TRAIL = '0123456789!#$%&()*+,-./:;<=>?@[]^_{|}~';

export class AsciiCodec {
  /** ASCII characters per canonical code unit. */
  readonly width: number;
  /** Code unit → symbol id; 0 is the shared id of units that occur in no pattern. */
  private readonly ids = new Uint16Array(0x10000);
  /** Symbol id → its ASCII character codes, flattened (`width` per id). */
  private readonly spelled: Uint8Array;
  private buffer = new Uint16Array(256);

  /** `patterns` in canonical form: every unit they use gets its own symbol. */
  constructor(patterns: Iterable<string>) {
    let next = 1;
    for (const p of patterns) {
      for (let i = 0; i < p.length; i++) {
        const u = p.charCodeAt(i);
        if (this.ids[u] === 0) this.ids[u] = next++;
      }
    }
    const symbols = next; // including the “other” symbol 0
    let width = 1;
    let capacity = LEAD.length;
    while (capacity < symbols) {
      width++;
      capacity *= TRAIL.length;
    }
    if (symbols > 0xffff) throw new RangeError('pattern alphabet too large for the ASCII codec');
    this.width = width;
    this.spelled = new Uint8Array(symbols * width);
    for (let id = 0; id < symbols; id++) {
      let rest = id;
      this.spelled[id * width] = LEAD.charCodeAt(rest % LEAD.length);
      rest = Math.floor(rest / LEAD.length);
      for (let k = 1; k < width; k++) {
        this.spelled[id * width + k] = TRAIL.charCodeAt(rest % TRAIL.length);
        rest = Math.floor(rest / TRAIL.length);
      }
    }
  }

  encode(text: string): string {
    const w = this.width;
    const need = text.length * w;
    if (this.buffer.length < need) this.buffer = new Uint16Array(need * 2);
    const buf = this.buffer;
    for (let i = 0; i < text.length; i++) {
      const base = (this.ids[text.charCodeAt(i)] ?? 0) * w;
      for (let k = 0; k < w; k++) buf[i * w + k] = this.spelled[base + k] ?? 0;
    }
    let out = '';
    for (let i = 0; i < need; i += 4096) {
      out += String.fromCharCode.apply(null, buf.subarray(i, Math.min(need, i + 4096)) as unknown as number[]);
    }
    return out;
  }
}
