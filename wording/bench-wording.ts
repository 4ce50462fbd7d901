/**
 * `npm run bench:wording [seconds-per-case]`: quality and speed of the wording detector.
 *
 * Quality: precision / recall per category and overall on the tuning sets (v1 hand-written +
 * templated) and, separately, on the hand-written held-out set that was kept aside while the
 * lexicon was tuned (testdata/score.ts describes the sets and the scoring).
 *
 * Speed, on one thread: segments are 10–40 UTF-16 units of host speech built from the
 * labelled sentences: a sentence, often with a filler (家人们 / 宝宝们…) in front, sometimes
 * two sentences joined, as ASR segments come. Three mixes, because the cost depends on how
 * many segments pass the gate into the Aho–Corasick search:
 *   typical   — 10% risky sentences, 90% ordinary ones. The ordinary pool is the labelled
 *               sets' negatives, which are mostly traps (最近, 第一次, 不要相信…), so this is
 *               still harder than a real stream, where most speech has no risky substring.
 *   labelled  — the labelled sets' own mix
 *   all-risky — every segment has a risky phrase: the worst case
 * Not a unit test on purpose: timings belong in benchmarks (DESIGN §9), not in CI asserts.
 */
import { cpus } from 'node:os';
import { createDetector } from './detector.ts';
import { loadLexicon } from './lexicon.ts';
import { normalize } from './normalize.ts';
import { loadRows, reportLines, score } from './testdata/score.ts';

const tuneRows = [...loadRows('labelled.zh-CN.jsonl'), ...loadRows('generated.zh-CN.jsonl')];
const holdoutRows = loadRows('holdout.zh-CN.jsonl');
const rows = [...tuneRows, ...holdoutRows];
const risky = rows.filter((r) => r.expect.length > 0).map((r) => r.text);
const ordinary = rows.filter((r) => r.expect.length === 0).map((r) => r.text);
const FILLERS = ['家人们', '宝宝们', '姐妹们', '咱家', '来', '好吧', '对吧', '看一下', '哈', '👍'];

/** Deterministic PRNG (mulberry32) so every run measures the same segments. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(xs: readonly T[], r: () => number): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

/** One segment of 10–40 UTF-16 units; `riskyShare` of them contain a risky sentence. */
function segments(count: number, riskyShare: number, seed: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  while (out.length < count) {
    let s = r() < riskyShare ? pick(risky, r) : pick(ordinary, r);
    if (r() < 0.6) s = pick(FILLERS, r) + '，' + s;
    if (r() < 0.5) s += '，' + pick(ordinary, r); // ASR often runs two sentences together
    while (s.length < 10) s += pick(FILLERS, r);
    if (s.length > 40) continue;
    out.push(s);
  }
  return out;
}

function measure(name: string, segs: readonly string[], fn: (s: string) => number, seconds: number): void {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += fn(segs[i % segs.length] as string); // warm-up / JIT
  let n = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - t0 < budget) {
    for (let i = 0; i < 1000; i++) sink += fn(segs[(n + i) % segs.length] as string);
    n += 1000;
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const avgLen = segs.reduce((a, x) => a + x.length, 0) / segs.length;
  // Wall-clock rate, and the rate per CPU-second this process got: on a shared machine the
  // second is the closer estimate of what one free core does.
  console.log(`${name.padEnd(34)} ${Math.round(n / s).toLocaleString('en-US').padStart(10)} segments/s wall  ` +
    `${Math.round(n / cpuSeconds).toLocaleString('en-US').padStart(10)} per CPU-second  ` +
    `${((cpuSeconds / n) * 1e6).toFixed(2)} µs CPU/segment  (avg ${avgLen.toFixed(1)} chars, checksum ${sink})`);
}

const seconds = Number(process.argv[2] ?? 3);
const lexicon = loadLexicon();
const detector = createDetector(lexicon);
const kinds = (rs: readonly { kind: string }[]): number => new Set(rs.map((x) => x.kind)).size;
console.log(`lexicon: ${lexicon.terms.length} terms, ${lexicon.proximity.length} proximity rules, ${lexicon.allow.length} allow words, ${lexicon.sources.length} sources`);
for (const line of reportLines(`tuning sets (v1 + generated, ${kinds(tuneRows)} kinds)`, score(detector, lexicon, tuneRows))) console.log(line);
for (const line of reportLines('held-out set (hand-written before tuning, not tuned on)', score(detector, lexicon, holdoutRows))) console.log(line);
console.log('');
console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'}, one thread, ${seconds}s per case`);
const typical = segments(10_000, 0.1, 1);
const labelled = segments(10_000, risky.length / rows.length, 2);
const allRisky = segments(10_000, 1, 3);
measure('normalise only (typical)', typical, (s) => normalize(s).text.length, seconds);
measure('detect, typical (~10% risky)', typical, (s) => detector.detect(s).length, seconds);
measure(`detect, labelled mix (~${Math.round((100 * risky.length) / rows.length)}% risky)`, labelled, (s) => detector.detect(s).length, seconds);
measure('detect, all risky (worst case)', allRisky, (s) => detector.detect(s).length, seconds);
const flagged = (segs: readonly string[]): string => `${((100 * segs.filter((x) => detector.detect(x).length > 0).length) / segs.length).toFixed(0)}%`;
console.log(`segments with ≥1 hit: typical ${flagged(typical)}, labelled ${flagged(labelled)}, all-risky ${flagged(allRisky)}`);
