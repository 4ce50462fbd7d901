/**
 * Builds the two character tables normalisation uses, from maintained libraries, into
 * committed JSON (`npx tsx wording/char-tables.build.ts`; `char-tables.test.ts` checks the
 * committed files still equal what the libraries produce).
 *
 * Why build-time tables and not the libraries at run time: per-character conversion of the
 * 21k CJK characters costs ~0.8 s (opencc-js) and ~0.4 s (pinyin-pro) on this machine, at
 * every process start and in every test file; the tables load in a few milliseconds and the
 * hot path only does an array lookup.
 *
 * - `t2s.json`: traditional → simplified, one character to one character, from opencc-js
 *   (OpenCC's dictionaries; the tw, hk and generic traditional variants merged).
 * - `pinyin.json`: the toneless pinyin syllable of every CJK unified ideograph (most common
 *   reading), from pinyin-pro, for the sound-alike layer (薇信 / 威信 / weixin → wei xin).
 */
import { writeFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

export const CJK_FIRST = 0x4e00;
export const CJK_LAST = 0x9fff;
/** Syllable ids are stored as code units from this base, so the JSON string stays printable. */
export const ID_BASE = 0x100;

export function buildT2s(): string {
  const converters = (['tw', 'hk', 't'] as const).map((from) => OpenCC.Converter({ from, to: 'cn' }));
  let pairs = '';
  for (let c = CJK_FIRST; c <= CJK_LAST; c++) {
    const ch = String.fromCharCode(c);
    for (const convert of converters) {
      const s = convert(ch);
      if (s !== ch && s.length === 1) {
        pairs += ch + s;
        break;
      }
    }
  }
  return pairs;
}

export function buildPinyin(): { syllables: string[]; ids: string } {
  const chars: string[] = [];
  for (let c = CJK_FIRST; c <= CJK_LAST; c++) chars.push(String.fromCharCode(c));
  const readings = chars.map((ch) => pinyin(ch, { toneType: 'none' }));
  const syllables = [...new Set(readings.filter((r) => /^[a-zü]+$/.test(r)))].sort();
  const index = new Map(syllables.map((s, i) => [s, i + 1]));
  const ids = readings.map((r) => String.fromCharCode(ID_BASE + (index.get(r) ?? 0))).join('');
  return { syllables, ids };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = new URL('./data/', import.meta.url);
  writeFileSync(new URL('t2s.json', dir), `${JSON.stringify({ source: 'opencc-js (tw|hk|t → cn), one char to one char', pairs: buildT2s() })}\n`);
  const py = buildPinyin();
  writeFileSync(new URL('pinyin.json', dir), `${JSON.stringify({ source: 'pinyin-pro, toneless, most common reading', first: CJK_FIRST, id_base: ID_BASE, ...py })}\n`);
  console.log(`t2s and pinyin tables written to ${dir.pathname}`);
}
