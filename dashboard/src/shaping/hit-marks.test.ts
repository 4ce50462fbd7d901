import { describe, expect, it } from 'vitest';
import type { TimelineHit } from '../api/session-types.ts';
import { hitSpan, markHits } from './hit-marks.ts';

const hit = (text: string, phrase: string, over: Partial<TimelineHit> = {}): TimelineHit => {
  const start = text.indexOf(phrase);
  return { phrase, term: phrase, category: 'absolute_claim', rule_id: 'W1', severity: 'high', alternative: '很划算', start, end: start + phrase.length, ...over };
};
const shape = (text: string, hits: TimelineHit[]) => markHits(text, hits).map((p) => [p.text, p.hits.map((h) => h.phrase)]);

describe('markHits', () => {
  it('marks a hit in Chinese text at exactly its UTF-16 span', () => {
    const text = '家人们这个面霜绝对是全网最低价，错过就没有了';
    const h = hit(text, '全网最低价');
    expect(h.start).toBe(10);
    const pieces = markHits(text, [h]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(shape(text, [h])).toEqual([
      ['家人们这个面霜绝对是', []],
      ['全网最低价', ['全网最低价']],
      ['，错过就没有了', []],
    ]);
    expect(pieces[1]).toMatchObject({ start: 10, end: 15 });
  });

  it('keeps spans right after characters outside the BMP (two UTF-16 units each)', () => {
    const text = '🔥🔥绝对有效𠮷好';
    const h = hit(text, '绝对有效');
    expect(h.start).toBe(4);
    expect(shape(text, [h])).toEqual([
      ['🔥🔥', []],
      ['绝对有效', ['绝对有效']],
      ['𠮷好', []],
    ]);
  });

  it('never cuts a surrogate pair in two', () => {
    const text = '好𠮷家';
    // A span starting or ending between the halves of 𠮷 (units 1–2) widens to the whole character.
    expect(hitSpan(text, { phrase: 'x', start: 2, end: 4 })).toEqual({ start: 1, end: 4 });
    expect(hitSpan(text, { phrase: 'x', start: 0, end: 2 })).toEqual({ start: 0, end: 3 });
  });

  it('marks overlapping hits once, each piece naming every hit that covers it', () => {
    const text = '这款面霜全网最低价了';
    const a = hit(text, '全网最低');
    const b = hit(text, '最低价', { rule_id: 'W2', category: 'price' });
    expect(shape(text, [a, b])).toEqual([
      ['这款面霜', []],
      ['全网', ['全网最低']],
      ['最低', ['全网最低', '最低价']],
      ['价', ['最低价']],
      ['了', []],
    ]);
  });

  it('keeps a hit nested inside another as one mark with both hits', () => {
    const text = '保证百分之百有效';
    const outer = hit(text, '保证百分之百有效');
    const inner = hit(text, '百分之百');
    expect(shape(text, [outer, inner])).toEqual([
      ['保证', ['保证百分之百有效']],
      ['百分之百', ['保证百分之百有效', '百分之百']],
      ['有效', ['保证百分之百有效']],
    ]);
  });

  it('joins neighbouring pieces under the same hits, and handles hits at both edges', () => {
    const text = '绝对第一';
    const h1 = hit(text, '绝对');
    const h2 = hit(text, '第一');
    expect(shape(text, [h1, h2])).toEqual([
      ['绝对', ['绝对']],
      ['第一', ['第一']],
    ]);
    // The same hit twice (a replay) is one mark.
    expect(shape(text, [h1, h1]).length).toBe(2);
  });

  it('falls back to the phrase when a span lies outside the text, and drops what it cannot place', () => {
    const text = '今天全网最低价';
    expect(shape(text, [hit(text, '全网最低价', { start: 40, end: 45 })])).toEqual([
      ['今天', []],
      ['全网最低价', ['全网最低价']],
    ]);
    expect(shape(text, [hit(text, '治疗', { start: -1, end: -1 })])).toEqual([[text, []]]);
    expect(shape('', [])).toEqual([['', []]]);
  });
});
