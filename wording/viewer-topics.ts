/**
 * Viewer comment → topics (材质/面料, 尺码, 真假/正品, 发货/物流, 售后/退货, 价格), for the
 * “viewer question spike” alert (DESIGN §5). Keyword lists are data
 * (`viewer-topics.zh-CN.json`); comments go through the same normalisation as host speech,
 * so “多 大 码？？”, “ＸＬ” and “退貨” still count.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GatedMatcher } from './gated-matcher.ts';
import { LexiconError } from './lexicon-schema.ts';
import { canonical, normalize } from './normalize.ts';

/** The topics shipped by default; an edited file may add others (ids are snake_case). */
export const DEFAULT_TOPIC_IDS = ['material', 'size', 'authenticity', 'shipping', 'after_sales', 'price'] as const;

export interface TopicDefinition {
  readonly id: string;
  readonly label: string;
  readonly keywords: readonly string[];
}

export interface TopicLexicon {
  readonly version: 1;
  readonly locale: string;
  readonly topics: readonly TopicDefinition[];
}

export interface TopicClassifier {
  /** Topic ids the comment is about, in lexicon order, each at most once; [] if none. */
  classify(comment: string): string[];
  readonly topicIds: readonly string[];
}

export const DEFAULT_TOPIC_LEXICON_PATH = fileURLToPath(new URL('./viewer-topics.zh-CN.json', import.meta.url));

const TOPIC_ID = /^[a-z][a-z0-9_]*$/;
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseTopicLexicon(raw: unknown, source: string): TopicLexicon {
  const fail: (msg: string) => never = (msg) => {
    throw new LexiconError(`topic lexicon ${source}: ${msg}`);
  };
  if (!isObject(raw)) fail('must be a JSON object');
  if (raw['version'] !== 1) fail(`version must be 1, got ${JSON.stringify(raw['version'])}`);
  const locale = raw['locale'];
  if (typeof locale !== 'string') fail('locale must be a string such as "zh-CN"');
  const topicsRaw = raw['topics'];
  if (!Array.isArray(topicsRaw) || topicsRaw.length === 0) fail('topics must be a non-empty array');
  const ids = new Set<string>();
  const topics = topicsRaw.map((t, i): TopicDefinition => {
    if (!isObject(t)) fail(`topics[${i}] must be an object`);
    const id = t['id'];
    if (typeof id !== 'string' || !TOPIC_ID.test(id)) fail(`topics[${i}]: id must be snake_case, got ${JSON.stringify(id)}`);
    if (ids.has(id)) fail(`topics[${i}]: duplicate id "${id}"`);
    ids.add(id);
    const label = t['label'];
    if (typeof label !== 'string' || label === '') fail(`topics[${i}] ("${id}"): label must be a non-empty string`);
    const keywords = t['keywords'];
    if (!Array.isArray(keywords) || keywords.length === 0) fail(`topics[${i}] ("${id}"): keywords must be a non-empty array`);
    keywords.forEach((k, j) => {
      if (typeof k !== 'string' || canonical(k) === '') {
        fail(`topics[${i}] ("${id}").keywords[${j}]: ${JSON.stringify(k)} is empty after normalisation`);
      }
    });
    return { id, label, keywords: keywords as string[] };
  });
  return { version: 1, locale, topics };
}

export function loadTopicLexicon(path: string = DEFAULT_TOPIC_LEXICON_PATH): TopicLexicon {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    throw new LexiconError(`topic lexicon ${path}: cannot read JSON (${(err as Error).message})`);
  }
  return parseTopicLexicon(raw, path);
}

export function createTopicClassifier(lexicon: TopicLexicon): TopicClassifier {
  const topicIds = lexicon.topics.map((t) => t.id);
  const entries = lexicon.topics.flatMap((t, topicIndex) =>
    t.keywords.map((k) => ({ pattern: canonical(k), data: topicIndex, gates: true })),
  );
  const matcher = new GatedMatcher(entries);
  return {
    topicIds,
    classify(comment: string): string[] {
      const found = matcher.findAll(normalize(comment).text);
      if (found.length === 0) return [];
      const seen = new Uint8Array(topicIds.length);
      for (const m of found) seen[m.data] = 1;
      return topicIds.filter((_, i) => seen[i] === 1);
    },
  };
}
