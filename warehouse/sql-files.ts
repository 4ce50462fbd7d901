import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SQL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'sql');

const cache = new Map<string, string>();

/** The text of `sql/<name>.sql` — one query per file, loaded by name. */
export function loadSql(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(SQL_DIR, `${name}.sql`), 'utf8').trim().replace(/;\s*$/, '');
    cache.set(name, text);
  }
  return text;
}

/** Statements of a multi-statement file: split on `;` at line ends, comments dropped. */
export function splitStatements(sql: string): string[] {
  const withoutComments = sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  return withoutComments
    .split(/;\s*\n|;\s*$/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function listSqlFiles(subdir: string): string[] {
  return readdirSync(join(SQL_DIR, subdir))
    .filter((f) => f.endsWith('.sql'))
    .sort();
}
