/**
 * Loading the labelled sets and scoring the detector on them, shared by labelled.test.ts and
 * `npm run bench:wording`.
 *
 * Sets (one JSON object per line: text, expect [categories or rule ids], kind, split, source,
 * optional policy / sku_category passed to the detector as context):
 *   labelled.zh-CN.jsonl  — v1, hand-written (508 rows), relabelled for the ten categories
 *   generated.zh-CN.jsonl — templated, from generate-labelled.ts
 *   holdout.zh-CN.jsonl   — hand-written before lexicon v2 and kept aside while tuning
 * Scoring is per (sentence, category): an expected category is a true positive when a hit
 * has it, else a false negative; a hit category no label asked for is a false positive.
 */
import { readFileSync } from 'node:fs';
import type { Detector } from '../detector.ts';
import { CATEGORIES, type Category, type Lexicon } from '../lexicon.ts';

export interface Row {
  readonly text: string;
  readonly expect: readonly string[];
  readonly kind: string;
  readonly split?: string;
  readonly source?: string;
  readonly policy?: string;
  readonly sku_category?: string;
}

export const SET_FILES = ['labelled.zh-CN.jsonl', 'generated.zh-CN.jsonl', 'holdout.zh-CN.jsonl'] as const;

export function loadRows(file: string): Row[] {
  return readFileSync(new URL(`./${file}`, import.meta.url), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Row);
}

export interface Score { tp: number; fp: number; fn: number }
export const precision = (s: Score): number => (s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp));
export const recall = (s: Score): number => (s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn));
export const fmt = (s: Score): string => `P=${precision(s).toFixed(3)} R=${recall(s).toFixed(3)} (tp=${s.tp} fp=${s.fp} fn=${s.fn})`;

export interface Report {
  readonly rows: number;
  readonly total: Score;
  readonly byCategory: Map<Category, Score>;
  readonly byKind: Map<string, Score>;
  /** One line per wrong row: kind, text, expected, got. */
  readonly errors: string[];
}

export function score(detector: Detector, lexicon: Lexicon, rows: readonly Row[]): Report {
  const ruleCategory = new Map<string, Category>(lexicon.terms.map((t) => [t.rule_id, t.category]));
  for (const p of lexicon.proximity) ruleCategory.set(p.rule_id, p.category);
  const toCategory = (label: string): Category | undefined =>
    (CATEGORIES as readonly string[]).includes(label) ? (label as Category) : ruleCategory.get(label);
  const total: Score = { tp: 0, fp: 0, fn: 0 };
  const byCategory = new Map<Category, Score>(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  const byKind = new Map<string, Score>();
  const errors: string[] = [];
  for (const row of rows) {
    const context = { ...(row.policy ? { refundPolicy: row.policy } : {}), ...(row.sku_category ? { skuCategory: row.sku_category } : {}) };
    const hits = detector.detect(row.text, context);
    const got = new Set<Category>(hits.map((h) => h.category));
    const want = new Set<Category>();
    for (const label of row.expect) {
      const c = toCategory(label);
      if (c === undefined) throw new Error(`unknown label ${label} in "${row.text}"`);
      want.add(c);
    }
    const kind = byKind.get(row.kind) ?? { tp: 0, fp: 0, fn: 0 };
    byKind.set(row.kind, kind);
    let wrong = false;
    for (const c of CATEGORIES) {
      const s = byCategory.get(c) as Score;
      const bump = (k: keyof Score): void => { s[k]++; total[k]++; kind[k]++; };
      if (want.has(c) && got.has(c)) bump('tp');
      else if (want.has(c)) { bump('fn'); wrong = true; }
      else if (got.has(c)) { bump('fp'); wrong = true; }
    }
    if (wrong) errors.push(`${row.kind}\t${row.text}\texpect=${[...want].join(',') || '-'}\tgot=${hits.map((h) => `${h.matched}:${h.rule_id}`).join(' ') || '-'}`);
  }
  return { rows: rows.length, total, byCategory, byKind, errors };
}

export function reportLines(name: string, r: Report): string[] {
  return [
    `${name}: ${r.rows} sentences, overall ${fmt(r.total)}`,
    ...[...r.byCategory].map(([c, s]) => `  ${c.padEnd(19)} ${fmt(s)}`),
  ];
}
