import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPinyin, buildT2s } from './char-tables.build.ts';

const committed = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('committed character tables equal what the libraries produce (rebuild: npx tsx wording/char-tables.build.ts)', () => {
  it('t2s.json from opencc-js', () => {
    const pairs = buildT2s();
    expect(committed('t2s.json')['pairs']).toBe(pairs);
    expect(pairs).toContain('國国');
    expect(pairs).toContain('絕绝');
  });
  it('pinyin.json from pinyin-pro', () => {
    const { syllables, ids } = buildPinyin();
    const file = committed('pinyin.json');
    expect(file['syllables']).toEqual(syllables);
    expect(file['ids']).toBe(ids);
    expect(syllables.length).toBeGreaterThan(380);
  });
});
