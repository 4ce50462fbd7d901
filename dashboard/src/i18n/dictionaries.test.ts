import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import type { Dict } from './dict.ts';
import { zhCN } from './zh-cn.ts';

function keys(d: Dict, prefix = ''): string[] {
  return Object.entries(d).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
function lookup(d: Dict, key: string): string {
  return key.split('.').reduce<string | Dict>((node, k) => (node as Dict)[k]!, d) as string;
}

describe('translations', () => {
  it('zh-CN and English have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('every string uses the same placeholders in both languages', () => {
    for (const k of keys(zhCN)) expect(placeholders(lookup(en, k)), k).toEqual(placeholders(lookup(zhCN, k)));
  });
});
