import { describe, expect, it } from 'vitest';
import { LexiconError } from './lexicon-schema.ts';
import { createTopicClassifier, DEFAULT_TOPIC_IDS, loadTopicLexicon, parseTopicLexicon } from './viewer-topics.ts';

const classifier = createTopicClassifier(loadTopicLexicon());

describe('viewer topic classifier', () => {
  it('ships the six topics of the spec', () => {
    expect(classifier.topicIds).toEqual([...DEFAULT_TOPIC_IDS]);
  });

  it.each([
    ['这个是什么面料的？', ['material']],
    ['纯棉的吗 会不会起球', ['material']],
    ['160 110斤穿什么码', ['size']],
    ['多 大 码？？', ['size']],
    ['ＸＬ还有吗', ['size']],
    ['是正品吗，有防伪吗', ['authenticity']],
    ['真的假的😂', ['authenticity']],
    ['什么时候发货啊', ['shipping']],
    ['新疆能发吗', ['shipping']],
    ['不合适能退吗', ['after_sales']],
    ['有运费险吗', ['after_sales']],
    ['多少钱一件', ['price']],
    ['怎么这么贵', ['price']],
    ['新疆长绒棉吗', ['material']],
    ['面料起球的话能退吗，顺丰发吗', ['material', 'shipping', 'after_sales']],
  ])('%s → %j', (comment, topics) => {
    expect(classifier.classify(comment)).toEqual(topics);
  });

  it.each(['主播好漂亮', '666', '来了来了', '❤️❤️❤️', ''])('%s → no topic', (comment) => {
    expect(classifier.classify(comment)).toEqual([]);
  });

  it('rejects a broken topic file with a clear message', () => {
    const bad = { version: 1, locale: 'zh-CN', topics: [{ id: 'size', label: '尺码', keywords: ['尺码', '？？'] }] };
    expect(() => parseTopicLexicon(bad, 't.json')).toThrow(LexiconError);
    expect(() => parseTopicLexicon(bad, 't.json')).toThrow(/t\.json: topics\[0\] \("size"\)\.keywords\[1\]/);
    expect(() => parseTopicLexicon({ version: 1, locale: 'zh-CN', topics: [{ id: 'Size!', label: 'x', keywords: ['码'] }] }, 't.json')).toThrow(/snake_case/);
  });
});
