import { describe, expect, it } from 'vitest';
import { canonical, normalize, toOriginalRange } from './normalize.ts';

/** Slice the original text for the canonical occurrence of `needle`. */
function originalOf(text: string, needle: string): string {
  const n = normalize(text);
  const at = n.text.indexOf(needle);
  expect(at, `"${needle}" in "${n.text}"`).toBeGreaterThanOrEqual(0);
  const r = toOriginalRange(n, at, at + needle.length);
  return text.slice(r.start, r.end);
}

describe('normalize', () => {
  it('drops spaces, punctuation, emoji and zero-width characters between characters', () => {
    expect(canonical('全 网，最🔥低\u200b价！')).toBe('全网最低价');
    expect(canonical('最.好-用~的')).toBe('最好用的');
    expect(canonical('私聊👉🏻下单')).toBe('私聊下单'); // emoji + skin-tone modifier
    expect(canonical('绝\ufe0f对')).toBe('绝对'); // variation selector
  });

  it('folds full width and upper case', () => {
    expect(canonical('ＴＯＰ１')).toBe('top1');
    expect(canonical('ＮＯ．１')).toBe('no1');
    expect(canonical('100％')).toBe('100%');
  });

  it('spells 100% the same way whether said in words or digits', () => {
    for (const s of ['百分之百', '百分百', '百分之一百', '100%', '百分之100']) expect(canonical(s)).toBe('100%');
    expect(canonical('百分之八十')).toBe('百分之八十');
  });

  it('folds WeChat evasions and ASR homophones, only on Latin word boundaries', () => {
    for (const s of ['威信', '薇信', 'V信', 'vx', 'VX', 'wx', 'Ｗｘ', 'weixin', 'wei信', '微心']) expect(canonical(s)).toBe('微信');
    expect(canonical('加V')).toBe('加微信');
    expect(canonical('+V')).toBe('加微信');
    expect(canonical('➕v')).toBe('加微信');
    expect(canonical('vxyz')).toBe('vxyz'); // not a whole Latin run
    expect(canonical('v脸')).toBe('v脸'); // lone v is not WeChat
  });

  it('turns 第1 into 第一 but leaves 第10 alone', () => {
    expect(canonical('第1名')).toBe('第一名');
    expect(canonical('第①名')).toBe('第一名');
    expect(canonical('第10个')).toBe('第10个');
  });

  it('reads pinyin and homoglyph evasions of the commonest absolute words', () => {
    expect(canonical('zui低价')).toBe('最低价');
    expect(canonical('ZUI低')).toBe('最低');
    expect(canonical('蕞低')).toBe('最低');
    expect(canonical('决对')).toBe('绝对');
    expect(canonical('絕對')).toBe('绝对');
    expect(canonical('上嘴好看')).toBe('上嘴好看'); // 嘴 is deliberately not folded to 最
  });

  it('maps canonical ranges back to the original text, emoji and spaces included', () => {
    expect(originalOf('家人们全 🔥 网最低！', '全网最低')).toBe('全 🔥 网最低');
    expect(originalOf('👨‍👩‍👧加我ＶＸ哦', '加我微信')).toBe('加我ＶＸ');
    expect(originalOf('效果百分之百好', '100%')).toBe('百分之百');
    expect(originalOf('销量第1的', '第一')).toBe('第1');
    expect(originalOf('这个😀是最,好的', '最好')).toBe('最,好');
  });

  it('keeps one source range per canonical code unit', () => {
    const n = normalize('a😀Ｂ 百分百');
    expect(n.text).toBe('ab100%');
    expect(n.starts.length).toBe(n.text.length);
    expect(n.ends.length).toBe(n.text.length);
    expect([n.starts[0], n.ends[0]]).toEqual([0, 1]);
    expect([n.starts[1], n.ends[1]]).toEqual([3, 4]);
    expect(toOriginalRange(n, 2, 6)).toEqual({ start: 5, end: 8 });
  });

  it('handles empty and unpaired-surrogate input', () => {
    expect(normalize('').text).toBe('');
    expect(canonical('\ud800最好')).toBe('最好');
  });
});
