/**
 * Parsing and validating a lexicon file. Every rejection names the file, the entry (index
 * and term) and what is wrong — a typo must fail loudly at load time, not silently stop a
 * rule from firing.
 *
 * Terms are written in `blocks` (one source, one law article, one rule: the defaults for
 * its terms, which may override any field) or as complete entries in `terms` (what extra
 * lexicons use). Both end up as flat `LexiconTerm`s.
 */
import { canonical } from './normalize.ts';
import {
  CATEGORIES, SEVERITIES, LexiconError,
  type Category, type Lexicon, type LexiconSource, type LexiconTerm, type NegationFrame, type ProximityRule, type Severity,
} from './lexicon-schema.ts';

type Json = Record<string, unknown>;
type Fail = (msg: string) => never;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const RULE_ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;
const CONDITION_KEYS = ['only_for_policies', 'if_policy_unknown', 'sku_categories', 'except_sku_categories'];
const META_KEYS = ['category', 'rule_id', 'severity', 'alternative', 'basis', 'source'];
const TERM_KEYS = new Set(['term', ...META_KEYS, ...CONDITION_KEYS, 'list_marker_exempt', 'sound_alike', 'disabled']);
const BLOCK_KEYS = new Set([...TERM_KEYS, 'terms', 'note'].filter((k) => k !== 'term' && k !== 'disabled'));
const PROXIMITY_KEYS = new Set([...META_KEYS, ...CONDITION_KEYS, 'first', 'then', 'window', 'scope', 'gate', 'note']);
const FRAME_KEYS = new Set(['patterns', 'direction', 'categories', 'rule_ids', 'window', 'scope', 'note']);
const SOURCE_KEYS = new Set(['id', 'title', 'url', 'note']);
const TOP_KEYS = new Set(['version', 'locale', 'description', 'negation_window', 'sources', 'blocks', 'terms', 'proximity', 'allow', 'negation_frames', 'frame_breakers']);

function checkKeys(obj: Json, allowed: Set<string>, fail: Fail): void {
  for (const key of Object.keys(obj)) if (!allowed.has(key)) fail(`unknown field "${key}" (allowed: ${[...allowed].join(', ')})`);
}

/** A phrase must survive normalisation: "！！" or an emoji alone would match nothing. */
function phrase(value: unknown, fail: Fail, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(`${what} must be a non-empty string`);
  if (canonical(value) === '') fail(`${what} "${value}" is empty after normalisation (only spaces/punctuation/emoji)`);
  return value;
}

function stringList(value: unknown, fail: Fail, what: string): string[] {
  if (!Array.isArray(value)) fail(`${what} must be an array of strings`);
  return value.map((v, i) => phrase(v, fail, `${what}[${i}]`));
}

function text(value: unknown, fail: Fail, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(`${what} must be a non-empty string`);
  return value;
}

function window(value: unknown, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 50) fail('window must be an integer 0..50');
  return value;
}

/** Category, rule id, severity, alternative, basis, source and conditions of a term or rule. */
function parseMeta(raw: Json, fail: Fail, defaults: { basis: string; source: string }): Mutable<Omit<ProximityRule, 'first' | 'then' | 'window' | 'scope' | 'gate'>> {
  const category = raw['category'];
  if (typeof category !== 'string' || !(CATEGORIES as readonly string[]).includes(category)) fail(`category must be one of ${CATEGORIES.join('|')}, got ${JSON.stringify(category)}`);
  const ruleId = raw['rule_id'];
  if (typeof ruleId !== 'string' || !RULE_ID.test(ruleId)) fail(`rule_id must look like "absolute.lowest_price", got ${JSON.stringify(ruleId)}`);
  const severity = raw['severity'];
  if (typeof severity !== 'string' || !(SEVERITIES as readonly string[]).includes(severity)) fail(`severity must be one of ${SEVERITIES.join('|')}, got ${JSON.stringify(severity)}`);
  const out: Mutable<Omit<ProximityRule, 'first' | 'then' | 'window' | 'scope' | 'gate'>> = {
    category: category as Category,
    rule_id: ruleId,
    severity: severity as Severity,
    alternative: text(raw['alternative'], fail, 'alternative (a safer wording)'),
    basis: raw['basis'] === undefined ? defaults.basis : text(raw['basis'], fail, 'basis'),
    source: raw['source'] === undefined ? defaults.source : text(raw['source'], fail, 'source'),
  };
  if (raw['only_for_policies'] !== undefined) out.only_for_policies = stringList(raw['only_for_policies'], fail, 'only_for_policies');
  const unknown = raw['if_policy_unknown'];
  if (unknown !== undefined) {
    if (unknown !== 'fire' && unknown !== 'skip') fail(`if_policy_unknown must be "fire" or "skip", got ${JSON.stringify(unknown)}`);
    if (out.only_for_policies === undefined) fail('if_policy_unknown needs only_for_policies');
    out.if_policy_unknown = unknown;
  }
  if (raw['sku_categories'] !== undefined) out.sku_categories = stringList(raw['sku_categories'], fail, 'sku_categories');
  if (raw['except_sku_categories'] !== undefined) out.except_sku_categories = stringList(raw['except_sku_categories'], fail, 'except_sku_categories');
  return out;
}

function flag(raw: Json, key: string, fail: Fail): boolean | undefined {
  const v = raw[key];
  if (v !== undefined && typeof v !== 'boolean') fail(`${key} must be true or false`);
  return v as boolean | undefined;
}

function parseTerm(raw: unknown, fail: Fail, defaults: { basis: string; source: string }): LexiconTerm {
  if (!isObject(raw)) fail('must be an object');
  checkKeys(raw, TERM_KEYS, fail);
  const term = phrase(raw['term'], fail, 'term');
  if (raw['disabled'] === true) {
    return { term, category: 'absolute_claim', rule_id: 'disabled', severity: 'low', alternative: '', basis: '', source: '', disabled: true };
  }
  if (raw['disabled'] !== undefined && raw['disabled'] !== false) fail('disabled must be true or false');
  const out: Mutable<LexiconTerm> = { term, ...parseMeta(raw, fail, defaults) };
  const exempt = flag(raw, 'list_marker_exempt', fail);
  if (exempt !== undefined) out.list_marker_exempt = exempt;
  const sound = flag(raw, 'sound_alike', fail);
  if (sound !== undefined) out.sound_alike = sound;
  return out;
}

/** A block's fields are the defaults of its terms; a term may be a string or an object overriding any of them. */
function parseBlock(raw: unknown, fail: Fail, defaults: { basis: string; source: string }): LexiconTerm[] {
  if (!isObject(raw)) fail('must be an object');
  checkKeys(raw, BLOCK_KEYS, fail);
  const terms = raw['terms'];
  if (!Array.isArray(terms) || terms.length === 0) fail('terms must be a non-empty array');
  const { terms: _terms, note: _note, ...shared } = raw;
  return terms.map((t, i) => {
    const entry = typeof t === 'string' ? { ...shared, term: t } : isObject(t) ? { ...shared, ...t } : t;
    return parseTerm(entry, (msg) => fail(`terms[${i}]${typeof t === 'string' ? ` ("${t}")` : ''}: ${msg}`), defaults);
  });
}

function parseProximity(raw: unknown, fail: Fail, defaults: { basis: string; source: string }): ProximityRule {
  if (!isObject(raw)) fail('must be an object');
  checkKeys(raw, PROXIMITY_KEYS, fail);
  const first = stringList(raw['first'], fail, 'first');
  const then = stringList(raw['then'], fail, 'then');
  if (first.length === 0 || then.length === 0) fail('first and then must not be empty');
  const scope = raw['scope'];
  if (scope !== undefined && scope !== 'sentence' && scope !== 'clause') fail(`scope must be sentence|clause, got ${JSON.stringify(scope)}`);
  const gate = raw['gate'];
  if (gate !== undefined && gate !== 'first' && gate !== 'then') fail(`gate must be first|then, got ${JSON.stringify(gate)}`);
  return { ...parseMeta(raw, fail, defaults), first, then, window: window(raw['window'] ?? 10, fail), ...(scope === undefined ? {} : { scope }), ...(gate === undefined ? {} : { gate }) };
}

function parseFrame(raw: unknown, fail: Fail): NegationFrame {
  if (!isObject(raw)) fail('must be an object');
  checkKeys(raw, FRAME_KEYS, fail);
  const patterns = stringList(raw['patterns'], fail, 'patterns');
  if (patterns.length === 0) fail('patterns must not be empty');
  const direction = raw['direction'];
  if (direction !== 'before' && direction !== 'after' && direction !== 'both') fail(`direction must be before|after|both, got ${JSON.stringify(direction)}`);
  const out: Mutable<NegationFrame> = { patterns, direction };
  const cats = raw['categories'];
  if (cats !== undefined) {
    if (!Array.isArray(cats) || cats.some((c) => !(CATEGORIES as readonly unknown[]).includes(c))) fail(`categories must be a list of ${CATEGORIES.join('|')}`);
    out.categories = cats as Category[];
  }
  if (raw['rule_ids'] !== undefined) out.rule_ids = stringList(raw['rule_ids'], fail, 'rule_ids');
  if (raw['window'] !== undefined) out.window = window(raw['window'], fail);
  const scope = raw['scope'];
  if (scope !== undefined) {
    if (scope !== 'sentence' && scope !== 'clause') fail(`scope must be sentence|clause, got ${JSON.stringify(scope)}`);
    out.scope = scope;
  }
  if (raw['note'] !== undefined) out.note = text(raw['note'], fail, 'note');
  return out;
}

function parseSource(raw: unknown, fail: Fail): LexiconSource {
  if (!isObject(raw)) fail('must be an object');
  checkKeys(raw, SOURCE_KEYS, fail);
  const out: Mutable<LexiconSource> = { id: text(raw['id'], fail, 'id'), title: text(raw['title'], fail, 'title') };
  if (raw['url'] !== undefined) out.url = text(raw['url'], fail, 'url');
  if (raw['note'] !== undefined) out.note = text(raw['note'], fail, 'note');
  return out;
}

/**
 * Validate parsed JSON. `partial` is for extra lexicons that only add or override a few
 * entries: the top-level fields become optional there.
 */
export function parseLexicon(raw: unknown, source: string, options: { partial?: boolean } = {}): Lexicon {
  const top: Fail = (msg) => {
    throw new LexiconError(`lexicon ${source}: ${msg}`);
  };
  if (!isObject(raw)) top('must be a JSON object');
  checkKeys(raw, TOP_KEYS, top);
  const partial = options.partial === true;
  if (raw['version'] !== 1 && !(partial && raw['version'] === undefined)) top(`version must be 1, got ${JSON.stringify(raw['version'])}`);
  const locale = raw['locale'] ?? (partial ? 'zh-CN' : undefined);
  if (typeof locale !== 'string') top('locale must be a string such as "zh-CN"');
  const negationWindow = raw['negation_window'] ?? (partial ? 12 : undefined);
  if (typeof negationWindow !== 'number' || !Number.isInteger(negationWindow) || negationWindow < 0 || negationWindow > 50) top('negation_window must be an integer 0..50');
  const list = (key: string, optional = false): unknown[] => {
    const v = raw[key] ?? (partial || optional ? [] : undefined);
    if (!Array.isArray(v)) top(`${key} must be an array`);
    return v;
  };
  const defaults = { basis: '未注明（extra lexicon）', source: source.split('/').pop() ?? source };

  const sources = list('sources', true).map((s, i) => parseSource(s, (msg) => top(`sources[${i}]: ${msg}`)));
  const fromBlocks = list('blocks', true).flatMap((b, i) => parseBlock(b, (msg) => top(`blocks[${i}]${isObject(b) && typeof b['rule_id'] === 'string' ? ` (${b['rule_id']})` : ''}: ${msg}`), defaults));
  const flat = list('terms', true).map((entry, i) => {
    const label = isObject(entry) && typeof entry['term'] === 'string' ? ` ("${entry['term']}")` : '';
    return parseTerm(entry, (msg) => top(`terms[${i}]${label}: ${msg}`), defaults);
  });
  const terms = [...fromBlocks, ...flat];
  if (!partial && terms.length === 0) top('blocks or terms must hold at least one term');
  const seen = new Map<string, LexiconTerm>();
  for (const t of terms) {
    const key = canonical(t.term);
    const prev = seen.get(key);
    if (prev !== undefined) top(`term "${t.term}" (${t.rule_id}) duplicates "${prev.term}" (${prev.rule_id}) after normalisation ("${key}")`);
    seen.set(key, t);
  }
  const sourceIds = new Set(sources.map((s) => s.id));
  if (sources.length > 0) {
    for (const t of terms) if (!t.disabled && !sourceIds.has(t.source)) top(`term "${t.term}": source "${t.source}" is not in sources`);
  }
  const proximity = list('proximity', true).map((p, i) => parseProximity(p, (msg) => top(`proximity[${i}]: ${msg}`), defaults));
  const allow = list('allow').map((a, i) => phrase(a, (msg) => top(`allow[${i}]: ${msg}`), 'allow entry'));
  allow.forEach((a, i) => {
    const clash = seen.get(canonical(a));
    if (clash !== undefined) top(`allow[${i}] ("${a}") is identical to term "${clash.term}" — it would silence that term completely; remove one of them`);
  });
  const frames = list('negation_frames').map((f, i) => parseFrame(f, (msg) => top(`negation_frames[${i}]: ${msg}`)));
  const breakers = list('frame_breakers').map((b, i) => phrase(b, (msg) => top(`frame_breakers[${i}]: ${msg}`), 'frame breaker'));
  const description = raw['description'];
  return {
    version: 1,
    locale,
    ...(typeof description === 'string' ? { description } : {}),
    negation_window: negationWindow,
    sources,
    terms,
    proximity,
    allow,
    negation_frames: frames,
    frame_breakers: breakers,
  };
}
