import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** `radar wording check` as a user runs it: lines on stdin, one JSON line per line on stdout. */
const BIN = fileURLToPath(new URL('../../bin/radar.js', import.meta.url));
const radar = (input: string, ...args: string[]): Array<{ text: string; hits: Array<Record<string, unknown>>; suppressed?: Array<Record<string, unknown>> }> => {
  const res = spawnSync(process.execPath, [BIN, 'wording', 'check', ...args], { input, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } });
  expect(res.status, res.stderr).toBe(0);
  return res.stdout.trim().split('\n').map((l) => JSON.parse(l) as never);
};

describe('radar wording check', () => {
  it('explains every hit and, with --explain, every non-hit', () => {
    const [risky, weather] = radar('家人们加V私聊\n今天最低气温三度\n', '--explain');
    expect(risky?.hits[0]).toMatchObject({ matched: '加V', normalized: '加微信', category: 'diversion', basis: expect.stringContaining('导流') });
    expect(weather?.hits).toEqual([]);
    expect(weather?.suppressed?.some((s) => s['reason'] === 'allow_word')).toBe(true);
  });

  it('uses --policy and --sku-category', () => {
    const [fresh] = radar('这款不支持七天无理由\n', '--sku-category', '生鲜');
    const [shirt] = radar('这款不支持七天无理由\n', '--policy', '7day_no_reason', '--sku-category', '服饰');
    expect(fresh?.hits).toEqual([]);
    expect(shirt?.hits.map((h) => h['rule_id'])).toEqual(['after_sales.deny_statutory_return']);
    expect(radar('这款不支持七天无理由\n')[0]?.suppressed).toBeUndefined();
  });
});
