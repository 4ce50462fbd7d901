/**
 * Text normalisation for wording detection, keeping a map back to the original string.
 *
 * Hosts (and ASR) produce the same risky phrase in many shapes: 全 网 最 低, 全🔥网最低,
 * ＴＯＰ１, 百分之百, 加VX, 威信… Every lexicon term and every transcript segment goes
 * through the same `normalize()`, so the matcher only ever compares canonical forms, and
 * every canonical code unit remembers which original UTF-16 range it came from — the
 * host console highlights the phrase exactly as it was said.
 *
 * Steps, per code point: NFKC (full/half width, circled digits, compatibility forms),
 * lower case, then keep only letters, digits and `%`; everything else (spaces, punctuation,
 * emoji, zero-width and variation selectors) is dropped. Then a variant table folds
 * evasion/ASR spellings (see `VARIANTS`).
 */

import { readFileSync } from 'node:fs';

export interface NormalizedText {
  readonly original: string;
  /** The canonical text the matcher runs on. */
  readonly text: string;
  /** For each code unit of `text`: start of its source range in `original` (UTF-16). */
  readonly starts: Int32Array;
  /** For each code unit of `text`: end (exclusive) of its source range in `original`. */
  readonly ends: Int32Array;
}

/** `+` and ➕ are spoken/typed as 加 (“+V” = 加V = add on WeChat). */
const PLUS_AS_JIA = 0x52a0;

/**
 * Traditional → simplified, one character to one character: the table built from opencc-js
 * (data/t2s.json, see char-tables.build.ts), so a console set to traditional characters
 * (絕對正品, 國家級, 薇信號) matches. `EXTRA_FOLDS` adds single-character evasions on top.
 */
const T2S = (JSON.parse(readFileSync(new URL('./data/t2s.json', import.meta.url), 'utf8')) as { pairs: string }).pairs;
const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  蕞: '最', // 蕞 is practically never meant literally in live commerce: it is the classic evasion of 最
};
const TRADITIONAL: Record<string, string> = { ...EXTRA_FOLDS };
for (let i = 0; i + 1 < T2S.length; i += 2) TRADITIONAL[T2S[i] as string] ??= T2S[i + 1] as string;

/**
 * Multi-character folds applied after per-character normalisation. Keys are written in
 * already-normalised form (lower case, no punctuation). `latin` keys only match a whole
 * run of Latin letters on their Latin side (so `wx` folds in 加wx but not inside `wxyz`);
 * `digit` keys must not be followed by another digit (第1 → 第一, but 第10 stays).
 *
 * Judgement calls: 嘴→最 is NOT folded (上嘴好显白 is ordinary lipstick talk and ASR with a
 * language model writes 最低价, not 嘴低价); lone `v` is not folded (v脸, 大v), only 加v.
 */
interface Variant {
  readonly from: string;
  readonly to: string;
  /** `latin`: whole Latin run; `digit`: no digit after; `digit_before`: no digit before. */
  readonly boundary?: 'latin' | 'digit' | 'digit_before';
}

const WECHAT = '微信';
const VARIANTS: readonly Variant[] = [
  // WeChat: ASR homophones and typed evasions
  ...['威信', '薇信', '维信', '唯信', '徽信', '微心', '薇心', '微芯', '围信', '危信', '卫信', '微x', '微v'].map(
    (from) => ({ from, to: WECHAT }),
  ),
  ...['v信', 'wei信', 'weixin', 'vx', 'wx', 'vx号'].map((from) => ({ from, to: from.endsWith('号') ? '微信号' : WECHAT, boundary: 'latin' as const })),
  { from: '加v', to: '加微信', boundary: 'latin' },
  // 100% in words
  { from: '百分之一百', to: '100%' },
  { from: '百分之100', to: '100%' },
  { from: '百分之百', to: '100%' },
  { from: '百分百', to: '100%' },
  { from: 'baifenbai', to: '100%', boundary: 'latin' },
  // pinyin / typos for the commonest 极限词
  { from: 'zui', to: '最', boundary: 'latin' },
  { from: 'juedui', to: '绝对', boundary: 'latin' },
  { from: '绝dui', to: '绝对', boundary: 'latin' },
  { from: 'jue对', to: '绝对', boundary: 'latin' },
  { from: '决对', to: '绝对' },
  { from: 'diyi', to: '第一', boundary: 'latin' },
  // Arabic digits where the lexicon speaks Chinese numerals
  ...['一', '二', '三', '四', '五', '六', '七', '八', '九'].map((zh, i) => ({
    from: `第${i + 1}`,
    to: `第${zh}`,
    boundary: 'digit' as const,
  })),
  { from: '7天无理由', to: '七天无理由' },
  { from: '假1赔10', to: '假一赔十', boundary: 'digit' },
  { from: '假1罚10', to: '假一罚十', boundary: 'digit' },
  { from: '假1赔100', to: '假一赔百', boundary: 'digit' },
  { from: '0添加', to: '零添加' },
  { from: '0元', to: '零元', boundary: 'digit_before' }, // 0元购 (but not 10元)
  // initials typed for platform names
  { from: 'zfb', to: '支付宝', boundary: 'latin' },
  { from: 'pdd', to: '拼多多', boundary: 'latin' },
  // split characters (拆字) used to dodge filters: 亻言 = 信, 纟色 = 绝, 扌口 = 扣. Not 日取 = 最:
  // 次日取件 is ordinary.
  { from: '亻言', to: '信' },
  { from: '纟色', to: '绝' },
  { from: '扌口', to: '扣' },
  { from: '0风险', to: '零风险' },
  { from: '0副作用', to: '零副作用' },
];

/** The same tables indexed by code unit, for the per-character hot path (0 = no entry). */
const TRADITIONAL_UNITS = new Uint16Array(0x10000);
for (const [t, simple] of Object.entries(TRADITIONAL)) TRADITIONAL_UNITS[t.charCodeAt(0)] = simple.charCodeAt(0);

const variantsByFirstUnit = new Map<number, Variant[]>();
const HAS_VARIANT = new Uint8Array(0x10000);
for (const v of VARIANTS) {
  const key = v.from.charCodeAt(0);
  const list = variantsByFirstUnit.get(key) ?? [];
  list.push(v);
  list.sort((a, b) => b.from.length - a.from.length); // longest key first
  variantsByFirstUnit.set(key, list);
  HAS_VARIANT[key] = 1;
}

const isLatin = (u: number): boolean => u >= 0x61 && u <= 0x7a;
const isDigit = (u: number): boolean => u >= 0x30 && u <= 0x39;

/**
 * Parallel arrays: canonical code units and their original ranges. Two module-level
 * instances are reused across calls (normalize is synchronous), so a segment costs no
 * allocation besides its result.
 */
class UnitBuffer {
  units = new Uint16Array(256);
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  length = 0;
  reset(capacity: number): void {
    this.length = 0;
    if (capacity > this.units.length) {
      const cap = Math.max(capacity, this.units.length * 2);
      this.units = new Uint16Array(cap);
      this.starts = new Int32Array(cap);
      this.ends = new Int32Array(cap);
    }
  }
  push(unit: number, start: number, end: number): void {
    if (this.length === this.units.length) this.grow();
    this.units[this.length] = unit;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }
  private grow(): void {
    const cap = this.units.length * 2;
    const u = new Uint16Array(cap);
    const s = new Int32Array(cap);
    const e = new Int32Array(cap);
    u.set(this.units);
    s.set(this.starts);
    e.set(this.ends);
    this.units = u;
    this.starts = s;
    this.ends = e;
  }
}
const charPass = new UnitBuffer();
const variantPass = new UnitBuffer();

const KEEP = /^[\p{L}\p{N}%]$/u;
const slowCache = new Map<number, readonly number[]>();

/** Canonical code units for one code point outside the fast paths (cached). */
function foldRare(cp: number): readonly number[] {
  const cached = slowCache.get(cp);
  if (cached !== undefined) return cached;
  const out: number[] = [];
  if (cp === 0x2795 || cp === 0xfe62) {
    out.push(PLUS_AS_JIA); // ➕ and small plus
  } else {
    const s = String.fromCodePoint(cp).normalize('NFKC').toLowerCase();
    for (const ch of s) {
      if (ch === '+') out.push(PLUS_AS_JIA);
      else if (KEEP.test(ch)) {
        const simplified = TRADITIONAL[ch] ?? ch;
        for (let i = 0; i < simplified.length; i++) out.push(simplified.charCodeAt(i));
      }
    }
  }
  if (slowCache.size < 50_000) slowCache.set(cp, out);
  return out;
}

/** Per-code-point pass: width, case, traditional, and dropping of non-word characters. */
function foldCharacters(original: string, buf: UnitBuffer): void {
  buf.reset(original.length + 8);
  for (let i = 0; i < original.length; ) {
    let cp = original.charCodeAt(i);
    const start = i;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < original.length) {
      const low = original.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
    }
    i += cp > 0xffff ? 2 : 1;
    if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0; // full-width ASCII → ASCII
    if (cp >= 0x4e00 && cp <= 0x9fff) {
      buf.push(TRADITIONAL_UNITS[cp] || cp, start, i);
    } else if (cp < 0x80) {
      if (cp >= 0x41 && cp <= 0x5a) buf.push(cp + 0x20, start, i);
      else if (isLatin(cp) || isDigit(cp) || cp === 0x25) buf.push(cp, start, i);
      else if (cp === 0x2b) buf.push(PLUS_AS_JIA, start, i);
      // any other ASCII (space, punctuation, symbols) is dropped
    } else {
      for (const unit of foldRare(cp)) buf.push(unit, start, i);
    }
  }
}

function variantMatches(buf: UnitBuffer, at: number, v: Variant): boolean {
  const key = v.from;
  if (at + key.length > buf.length) return false;
  for (let k = 0; k < key.length; k++) if (buf.units[at + k] !== key.charCodeAt(k)) return false;
  const before = at > 0 ? buf.units[at - 1] : undefined;
  const after = at + key.length < buf.length ? buf.units[at + key.length] : undefined;
  if (v.boundary === 'latin') {
    if (isLatin(key.charCodeAt(0)) && before !== undefined && isLatin(before)) return false;
    if (isLatin(key.charCodeAt(key.length - 1)) && after !== undefined && isLatin(after)) return false;
  } else if (v.boundary === 'digit') {
    if (after !== undefined && isDigit(after)) return false;
  } else if (v.boundary === 'digit_before') {
    if (before !== undefined && isDigit(before)) return false;
  }
  return true;
}

function variantAt(src: UnitBuffer, p: number): Variant | undefined {
  const unit = src.units[p] ?? 0;
  if (HAS_VARIANT[unit] !== 1) return undefined;
  for (const v of variantsByFirstUnit.get(unit) ?? []) if (variantMatches(src, p, v)) return v;
  return undefined;
}

/** Second pass: fold multi-character variants, keeping original ranges. */
function foldVariants(src: UnitBuffer, out: UnitBuffer): void {
  out.reset(src.length * 2 + 8);
  for (let p = 0; p < src.length; ) {
    const v = variantAt(src, p);
    if (v === undefined) {
      out.push(src.units[p] ?? 0, src.starts[p] ?? 0, src.ends[p] ?? 0);
      p++;
      continue;
    }
    const n = v.from.length;
    const spanStart = src.starts[p] ?? 0;
    const spanEnd = src.ends[p + n - 1] ?? 0;
    // Same length: map unit by unit (第1→第一). Otherwise every output unit owns the whole span.
    const same = v.to.length === n;
    for (let k = 0; k < v.to.length; k++) {
      out.push(v.to.charCodeAt(k), same ? (src.starts[p + k] ?? spanStart) : spanStart, same ? (src.ends[p + k] ?? spanEnd) : spanEnd);
    }
    p += n;
  }
}

function unitsToString(units: Uint16Array, length: number): string {
  if (length <= 1024) return String.fromCharCode.apply(null, units.subarray(0, length) as unknown as number[]);
  let s = '';
  for (let i = 0; i < length; i += 1024) {
    s += String.fromCharCode.apply(null, units.subarray(i, Math.min(length, i + 1024)) as unknown as number[]);
  }
  return s;
}

export function normalize(original: string): NormalizedText {
  const n = normalizeShared(original);
  return { ...n, starts: n.starts.slice(), ends: n.ends.slice() }; // copies: the scratch buffers are reused
}

/**
 * Like `normalize`, but `starts` / `ends` are views of scratch buffers that the next call
 * overwrites. For synchronous callers on the hot path (the detector), where most segments
 * never need the offsets and copying them is a measurable part of the cost.
 */
export function normalizeShared(original: string): NormalizedText {
  foldCharacters(original, charPass);
  foldVariants(charPass, variantPass);
  const n = variantPass.length;
  return { original, text: unitsToString(variantPass.units, n), starts: variantPass.starts.subarray(0, n), ends: variantPass.ends.subarray(0, n) };
}

/** Map a half-open range of the canonical text back to a half-open range of the original. */
export function toOriginalRange(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (start >= end || end > n.text.length) throw new RangeError(`bad normalised range [${start}, ${end})`);
  return { start: n.starts[start] ?? 0, end: n.ends[end - 1] ?? 0 };
}

/** The canonical form of a lexicon term, so terms and speech meet in the same space. */
export function canonical(term: string): string {
  return normalize(term).text;
}
