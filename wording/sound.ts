/**
 * The sound-alike layer: canonical text spelled as toneless pinyin syllables, so homophone
 * evasions (加喂信 / 加卫心 → jia wei xin, 全网醉低 → quan wang zui di) and typed pinyin
 * (jiaweixin, taobao搜) meet the lexicon term they imitate. Only terms marked `sound_alike`
 * with at least three syllables are matched this way: syllable pairs are too common
 * (用不 = yong bu = 永不, 低一 = di yi = 第一), so two-character evasions (薇信, 决对) are
 * listed explicitly in normalize.ts.
 *
 * Table: data/pinyin.json, built from pinyin-pro (see char-tables.build.ts). Both the lexicon
 * and the speech use the same most-common reading per character, so a heteronym is read the
 * same way on both sides. Every syllable is one code unit in the Private Use Area, so the
 * Aho–Corasick automaton (gated-matcher.ts) runs on it unchanged.
 */
import { readFileSync } from 'node:fs';

interface PinyinTable { first: number; id_base: number; syllables: string[]; ids: string }
const TABLE = JSON.parse(readFileSync(new URL('./data/pinyin.json', import.meta.url), 'utf8')) as PinyinTable;

/** Sound unit of a syllable id: U+E000 + id. */
const PUA = 0xe000;
/** Marks a canonical unit that has no sound (digit, %, unparsed Latin): breaks any match. */
const NONE = 0xe000;

const SYLLABLE_OF = new Uint16Array(0x10000);
for (let i = 0; i < TABLE.ids.length; i++) SYLLABLE_OF[TABLE.first + i] = TABLE.ids.charCodeAt(i) - TABLE.id_base;
const ID_OF = new Map(TABLE.syllables.map((s, i) => [s, i + 1]));
const MAX_SYLLABLE = Math.max(...TABLE.syllables.map((s) => s.length));

export interface SoundText {
  readonly text: string;
  /** Canonical range [start, end) of each sound unit. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

const isLatin = (u: number): boolean => u >= 0x61 && u <= 0x7a;

/** Split a run of Latin letters into pinyin syllables (greedy, longest first); null if it does not parse. */
function parseLatin(run: string): number[] | null {
  const out: number[] = [];
  for (let i = 0; i < run.length; ) {
    let id = 0;
    let len = Math.min(MAX_SYLLABLE, run.length - i);
    for (; len > 0; len--) {
      id = ID_OF.get(run.slice(i, i + len)) ?? 0;
      if (id !== 0) break;
    }
    if (id === 0) return null;
    out.push(id, i, i + len);
    i += len;
  }
  return out;
}

/** Spell canonical text in sound units. */
export function toSound(canon: string): SoundText {
  const units: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < canon.length; ) {
    const u = canon.charCodeAt(i);
    if (isLatin(u)) {
      let j = i + 1;
      while (j < canon.length && isLatin(canon.charCodeAt(j))) j++;
      const parsed = j - i >= 2 ? parseLatin(canon.slice(i, j)) : null;
      if (parsed === null) {
        units.push(NONE);
        starts.push(i);
        ends.push(j);
      } else {
        for (let k = 0; k < parsed.length; k += 3) {
          units.push(PUA + (parsed[k] as number));
          starts.push(i + (parsed[k + 1] as number));
          ends.push(i + (parsed[k + 2] as number));
        }
      }
      i = j;
      continue;
    }
    const id = SYLLABLE_OF[u] ?? 0;
    units.push(id === 0 ? NONE : PUA + id);
    starts.push(i);
    ends.push(i + 1);
    i++;
  }
  let text = '';
  for (let i = 0; i < units.length; i += 4096) text += String.fromCharCode(...units.slice(i, i + 4096));
  return { text, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/**
 * A cheap first check before `toSound`: could a sound key (given by its first three
 * syllables; keys are at least three long) start anywhere in this canonical text? Text with
 * Latin letters always passes, as typed pinyin is only parsed by `toSound`.
 */
export class SoundGate {
  private readonly triples = new Set<number>();
  constructor(keys: Iterable<string>) {
    for (const k of keys) this.triples.add(pack(k.charCodeAt(0) - PUA, k.charCodeAt(1) - PUA, k.charCodeAt(2) - PUA));
  }
  mayMatch(canon: string): boolean {
    let a = 0;
    let b = 0;
    for (let i = 0; i < canon.length; i++) {
      const u = canon.charCodeAt(i);
      if (isLatin(u)) return true;
      const c = SYLLABLE_OF[u] ?? 0;
      if (a !== 0 && b !== 0 && c !== 0 && this.triples.has(pack(a, b, c))) return true;
      a = b;
      b = c;
    }
    return false;
  }
}

/** Three syllable ids (< 1024) in one number. */
const pack = (a: number, b: number, c: number): number => (a * 1024 + b) * 1024 + c;

/** The sound spelling of a lexicon term, or undefined when some character has no reading. */
export function soundKey(canon: string): string | undefined {
  const s = toSound(canon);
  for (let i = 0; i < s.text.length; i++) if (s.text.charCodeAt(i) === NONE) return undefined;
  return s.text;
}

/** Human-readable pinyin of a sound span, for explanations (“wei xin”). */
export function spell(sound: string): string {
  return [...sound].map((c) => TABLE.syllables[c.charCodeAt(0) - PUA - 1] ?? '?').join(' ');
}
