import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerToken } from './token.ts';

/** `radar token create | list | revoke` against an embedded store (one per test file process). */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'radar-token-cli-'));
  process.env.RADAR_DATA_DIR = dir;
  process.env.CLICKHOUSE_DATABASE = 'radar_cli_test';
  process.env.LOG_LEVEL = 'silent';
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function radar(...args: string[]): Promise<{ out: string; err: string }> {
  const program = new Command('radar').exitOverride();
  registerToken(program);
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    await program.parseAsync(['node', 'radar', ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  return { out, err };
}

describe('radar token', () => {
  it('creates a scoped token, lists it and revokes it', async () => {
    const created = await radar('token', 'create', '--role', 'category_manager', '--category', '美妆', '--category', '服饰', '--name', 'Li');
    const token = created.out.trim();
    expect(token).toMatch(/^radar_[0-9a-f]{16}_/);
    expect(created.err).toContain('categories 美妆, 服饰');
    const id = token.split('_')[1]!;
    expect((await radar('token', 'list')).out).toContain(id);
    expect((await radar('token', 'revoke', id)).out).toContain(`revoked ${id}`);
    expect((await radar('token', 'list')).out).not.toContain(id);
    expect((await radar('token', 'list', '--all')).out).toContain('revoked');
  });

  it('names the bad option', async () => {
    await expect(radar('token', 'create', '--role', 'host')).rejects.toThrow(/--host/);
    await expect(radar('token', 'create', '--role', 'wizard')).rejects.toThrow(/--role/);
  });
});
