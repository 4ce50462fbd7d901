/**
 * Precision / recall of the detector on a labelled set of host speech
 * (testdata/labelled.zh-CN.jsonl: {text, expect: [category | rule_id], kind, split?}).
 *
 * Scoring is per (sentence, category): an expected label is a true positive when a hit has
 * that category (or that rule_id, for rule labels), else a false negative; a hit category no
 * label asked for is a false positive. `split: "holdout"` rows were written after the first
 * lexicon draft, to see how it generalises; both splits are printed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDetector } from './detector.ts';
import { CATEGORIES, loadLexicon, type Category } from './lexicon.ts';

interface Row {
  readonly text: string;
  readonly expect: readonly string[];
  readonly kind: string;
  readonly split?: string;
}

const rows: Row[] = readFileSync(new URL('./testdata/labelled.zh-CN.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Row);
const lexicon = loadLexicon();
const detector = createDetector(lexicon);
const ruleCategory = new Map(lexicon.terms.map((t) => [t.rule_id, t.category]));
const isCategory = (label: string): label is Category => (CATEGORIES as readonly string[]).includes(label);
const EVASIONS = ['spaces', 'punct', 'emoji', 'fullwidth', 'upper', 'percent_words', 'asr', 'pinyin', 'digits', 'traditional'];

interface Score { tp: number; fp: number; fn: number }
const empty = (): Score => ({ tp: 0, fp: 0, fn: 0 });
const precision = (s: Score): number => (s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp));
const recall = (s: Score): number => (s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn));

function score(row: Row): Score & { detail: string } {
  const hits = detector.detect(row.text);
  const got = new Set<string>(hits.map((h) => h.category));
  const gotRules = new Set(hits.map((h) => h.rule_id));
  const s = empty();
  const wanted = new Set<string>();
  for (const label of row.expect) {
    const category = isCategory(label) ? label : ruleCategory.get(label);
    if (category !== undefined) wanted.add(category);
    if (isCategory(label) ? got.has(label) : gotRules.has(label)) s.tp++;
    else s.fn++;
  }
  s.fp = [...got].filter((c) => !wanted.has(c)).length;
  return { ...s, detail: `${row.kind}\t${row.text}\texpect=${row.expect.join(',') || '-'}\tgot=${hits.map((h) => `${h.matched}:${h.rule_id}`).join(' ') || '-'}` };
}

describe('labelled host speech', () => {
  it('is a real test set: ≥300 sentences, every category and every evasion kind has positives, traps exist', () => {
    expect(rows.length).toBeGreaterThanOrEqual(300);
    for (const r of rows) for (const label of r.expect) expect(isCategory(label) || ruleCategory.has(label), `label ${label}`).toBe(true);
    for (const c of CATEGORIES) expect(rows.filter((r) => r.expect.includes(c)).length, c).toBeGreaterThanOrEqual(20);
    for (const k of EVASIONS) expect(rows.filter((r) => r.kind === k && r.expect.length > 0).length, k).toBeGreaterThanOrEqual(1);
    const negatives = rows.filter((r) => r.expect.length === 0);
    expect(negatives.length).toBeGreaterThanOrEqual(100);
    for (const trap of ['最近', '第一次', '第一步', '最后提醒一次', '首个工作日', '第一时间', '不要相信', '广告法不允许说']) {
      expect(negatives.some((r) => r.text.includes(trap)), trap).toBe(true);
    }
  });

  it('precision and recall ≥ 0.95', () => {
    const total = empty();
    const bySplit = new Map<string, Score>();
    const byKind = new Map<string, Score>();
    const byCategory = new Map<string, Score>(CATEGORIES.map((c) => [c, empty()]));
    const misses: string[] = [];
    for (const row of rows) {
      const s = score(row);
      for (const bucket of [total, getOr(bySplit, row.split ?? 'main'), getOr(byKind, row.kind)]) add(bucket, s);
      // Per-category view: score the row once per category it mentions or fired.
      const hits = new Set<string>(detector.detect(row.text).map((h) => h.category));
      for (const c of CATEGORIES) {
        const want = row.expect.some((l) => (isCategory(l) ? l : ruleCategory.get(l)) === c);
        const cs = byCategory.get(c) ?? empty();
        if (want && hits.has(c)) cs.tp++;
        else if (want) cs.fn++;
        else if (hits.has(c)) cs.fp++;
      }
      if (s.fp > 0 || s.fn > 0) misses.push(s.detail);
    }
    const fmt = (s: Score): string => `P=${precision(s).toFixed(3)} R=${recall(s).toFixed(3)} (tp=${s.tp} fp=${s.fp} fn=${s.fn})`;
    const lines = [
      `wording detector on ${rows.length} labelled sentences: ${fmt(total)}`,
      ...[...bySplit].map(([k, s]) => `  split ${k}: ${fmt(s)}`),
      ...[...byCategory].map(([k, s]) => `  category ${k}: ${fmt(s)}`),
      ...[...byKind].map(([k, s]) => `  kind ${k}: ${fmt(s)}`),
      `errors (${misses.length}):`,
      ...misses.map((m) => `  ${m}`),
    ];
    console.log(lines.join('\n'));
    expect(precision(total)).toBeGreaterThanOrEqual(0.95);
    expect(recall(total)).toBeGreaterThanOrEqual(0.95);
  });
});

function getOr(map: Map<string, Score>, key: string): Score {
  let s = map.get(key);
  if (s === undefined) {
    s = empty();
    map.set(key, s);
  }
  return s;
}

function add(into: Score, s: Score): void {
  into.tp += s.tp;
  into.fp += s.fp;
  into.fn += s.fn;
}
