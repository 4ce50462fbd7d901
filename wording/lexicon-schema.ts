/**
 * The lexicon's shape and its validation. The lexicon is data that admins edit by hand, so
 * every rejection names the file, the entry (index and term) and what is wrong with it —
 * a typo must fail loudly at load time, not silently stop a rule from firing.
 */
import { canonical } from './normalize.ts';

export const CATEGORIES = ['absolute_claim', 'medical_claim', 'guarantee', 'diversion', 'false_after_sales'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface LexiconTerm {
  readonly term: string;
  readonly category: Category;
  /** Stable id alerts and dashboards group by, e.g. `absolute.lowest_price`. */
  readonly rule_id: string;
  readonly severity: Severity;
  /** A safer wording to show the host. */
  readonly alternative: string;
  /** 第一 used as a list marker (“第一，面料…；第二…”) is ordinary speech. */
  readonly list_marker_exempt?: boolean;
  /**
   * The claim is only false for SKUs with these refund policies (e.g. 七天无理由 said of a
   * `quality_only` SKU). Without a known policy, `if_policy_unknown` decides.
   */
  readonly only_for_policies?: readonly string[];
  readonly if_policy_unknown?: 'fire' | 'skip';
  /** In an extra lexicon: remove this term from the default one. */
  readonly disabled?: boolean;
}

export interface NegationFrame {
  /** Phrases like 不要相信 / 都是骗人的 that turn a nearby claim into a warning. */
  readonly patterns: readonly string[];
  /** `before`: the frame precedes the claim; `after`: it follows it. */
  readonly direction: 'before' | 'after' | 'both';
  /** Only claims of these categories are neutralised (all when absent). */
  readonly categories?: readonly Category[];
  /** Max distance in normalised characters between frame and claim (default: lexicon's). */
  readonly window?: number;
  /** `sentence`: reach stops at 。！？; `clause`: also at ，、 and other punctuation. */
  readonly scope?: 'sentence' | 'clause';
}

export interface Lexicon {
  readonly version: 1;
  readonly locale: string;
  readonly description?: string;
  readonly negation_window: number;
  readonly terms: readonly LexiconTerm[];
  /** Ordinary words that contain a risky term (最近, 第一次…); a hit inside one is dropped. */
  readonly allow: readonly string[];
  readonly negation_frames: readonly NegationFrame[];
  /** Words that end a frame's reach (但是, 其实…) or show a 不要 is not a warning (不要错过). */
  readonly frame_breakers: readonly string[];
}

export class LexiconError extends Error {
  override readonly name = 'LexiconError';
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const RULE_ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;
const TERM_KEYS = new Set(['term', 'category', 'rule_id', 'severity', 'alternative', 'list_marker_exempt', 'only_for_policies', 'if_policy_unknown', 'disabled']);
const FRAME_KEYS = new Set(['patterns', 'direction', 'categories', 'window', 'scope']);
const TOP_KEYS = new Set(['version', 'locale', 'description', 'negation_window', 'terms', 'allow', 'negation_frames', 'frame_breakers']);

function checkKeys(obj: Json, allowed: Set<string>, fail: (msg: string) => never): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.has(key)) fail(`unknown field "${key}" (allowed: ${[...allowed].join(', ')})`);
  }
}

/** A phrase must survive normalisation: "！！" or an emoji alone would match nothing. */
function phrase(value: unknown, fail: (msg: string) => never, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(`${what} must be a non-empty string`);
  if (canonical(value) === '') fail(`${what} "${value}" is empty after normalisation (only spaces/punctuation/emoji)`);
  return value;
}

function stringList(value: unknown, fail: (msg: string) => never, what: string): string[] {
  if (!Array.isArray(value)) fail(`${what} must be an array of strings`);
  return value.map((v, i) => phrase(v, fail, `${what}[${i}]`));
}

function parseTerm(raw: unknown, fail: (msg: string) => never): LexiconTerm {
  if (!isObject(raw)) fail('must be an object');
  checkKeys(raw, TERM_KEYS, fail);
  const term = phrase(raw['term'], fail, 'term');
  if (raw['disabled'] === true) {
    return { term, category: 'absolute_claim', rule_id: 'disabled', severity: 'low', alternative: '', disabled: true };
  }
  const category = raw['category'];
  if (typeof category !== 'string' || !(CATEGORIES as readonly string[]).includes(category)) {
    fail(`category must be one of ${CATEGORIES.join('|')}, got ${JSON.stringify(category)}`);
  }
  const ruleId = raw['rule_id'];
  if (typeof ruleId !== 'string' || !RULE_ID.test(ruleId)) fail(`rule_id must look like "absolute.lowest_price", got ${JSON.stringify(ruleId)}`);
  const severity = raw['severity'];
  if (typeof severity !== 'string' || !(SEVERITIES as readonly string[]).includes(severity)) {
    fail(`severity must be one of ${SEVERITIES.join('|')}, got ${JSON.stringify(severity)}`);
  }
  const alternative = raw['alternative'];
  if (typeof alternative !== 'string' || alternative.trim() === '') fail('alternative (a safer wording) must be a non-empty string');
  const out: { -readonly [K in keyof LexiconTerm]: LexiconTerm[K] } = {
    term, category: category as Category, rule_id: ruleId, severity: severity as Severity, alternative,
  };
  const exempt = raw['list_marker_exempt'];
  if (exempt !== undefined) {
    if (typeof exempt !== 'boolean') fail('list_marker_exempt must be true or false');
    out.list_marker_exempt = exempt;
  }
  if (raw['only_for_policies'] !== undefined) out.only_for_policies = stringList(raw['only_for_policies'], fail, 'only_for_policies');
  const unknown = raw['if_policy_unknown'];
  if (unknown !== undefined) {
    if (unknown !== 'fire' && unknown !== 'skip') fail(`if_policy_unknown must be "fire" or "skip", got ${JSON.stringify(unknown)}`);
    if (out.only_for_policies === undefined) fail('if_policy_unknown needs only_for_policies');
    out.if_policy_unknown = unknown;
  }
  if (raw['disabled'] !== undefined && raw['disabled'] !== false) fail('disabled must be true or false');
  return out;
}

function parseFrame(raw: unknown, fail: (msg: string) => never): NegationFrame {
  if (!isObject(raw)) fail('must be an object');
  checkKeys(raw, FRAME_KEYS, fail);
  const patterns = stringList(raw['patterns'], fail, 'patterns');
  if (patterns.length === 0) fail('patterns must not be empty');
  const direction = raw['direction'];
  if (direction !== 'before' && direction !== 'after' && direction !== 'both') fail(`direction must be before|after|both, got ${JSON.stringify(direction)}`);
  const out: { -readonly [K in keyof NegationFrame]: NegationFrame[K] } = { patterns, direction };
  const cats = raw['categories'];
  if (cats !== undefined) {
    if (!Array.isArray(cats) || cats.some((c) => !(CATEGORIES as readonly unknown[]).includes(c))) {
      fail(`categories must be a list of ${CATEGORIES.join('|')}`);
    }
    out.categories = cats as Category[];
  }
  const window = raw['window'];
  if (window !== undefined) {
    if (typeof window !== 'number' || !Number.isInteger(window) || window < 0 || window > 50) fail('window must be an integer 0..50');
    out.window = window;
  }
  const scope = raw['scope'];
  if (scope !== undefined) {
    if (scope !== 'sentence' && scope !== 'clause') fail(`scope must be sentence|clause, got ${JSON.stringify(scope)}`);
    out.scope = scope;
  }
  return out;
}

/**
 * Validate parsed JSON. `partial` is for extra lexicons that only add or override a few
 * entries: the top-level fields become optional there.
 */
export function parseLexicon(raw: unknown, source: string, options: { partial?: boolean } = {}): Lexicon {
  const top: (msg: string) => never = (msg) => {
    throw new LexiconError(`lexicon ${source}: ${msg}`);
  };
  if (!isObject(raw)) top('must be a JSON object');
  checkKeys(raw, TOP_KEYS, top);
  const partial = options.partial === true;
  if (raw['version'] !== 1 && !(partial && raw['version'] === undefined)) top(`version must be 1, got ${JSON.stringify(raw['version'])}`);
  const locale = raw['locale'] ?? (partial ? 'zh-CN' : undefined);
  if (typeof locale !== 'string') top('locale must be a string such as "zh-CN"');
  const window = raw['negation_window'] ?? (partial ? 12 : undefined);
  if (typeof window !== 'number' || !Number.isInteger(window) || window < 0 || window > 50) top('negation_window must be an integer 0..50');
  const list = (key: string): unknown[] => {
    const v = raw[key] ?? (partial ? [] : undefined);
    if (!Array.isArray(v)) top(`${key} must be an array`);
    return v;
  };

  const terms = list('terms').map((entry, i) => {
    const label = isObject(entry) && typeof entry['term'] === 'string' ? ` ("${entry['term']}")` : '';
    return parseTerm(entry, (msg) => top(`terms[${i}]${label}: ${msg}`));
  });
  const seen = new Map<string, number>();
  terms.forEach((t, i) => {
    const key = canonical(t.term);
    const prev = seen.get(key);
    if (prev !== undefined) top(`terms[${i}] ("${t.term}") duplicates terms[${prev}] ("${terms[prev]?.term}") after normalisation ("${key}")`);
    seen.set(key, i);
  });
  const allow = list('allow').map((a, i) => phrase(a, (msg) => top(`allow[${i}]: ${msg}`), 'allow entry'));
  allow.forEach((a, i) => {
    const clash = seen.get(canonical(a));
    if (clash !== undefined) top(`allow[${i}] ("${a}") is identical to terms[${clash}] — it would silence that term completely; remove one of them`);
  });
  const frames = list('negation_frames').map((f, i) => parseFrame(f, (msg) => top(`negation_frames[${i}]: ${msg}`)));
  const breakers = list('frame_breakers').map((b, i) => phrase(b, (msg) => top(`frame_breakers[${i}]: ${msg}`), 'frame breaker'));
  const description = raw['description'];
  return {
    version: 1,
    locale,
    ...(typeof description === 'string' ? { description } : {}),
    negation_window: window,
    terms,
    allow,
    negation_frames: frames,
    frame_breakers: breakers,
  };
}
