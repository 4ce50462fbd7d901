import type { Command } from 'commander';
import { ROLES, TokenSpecError } from '../../auth/roles.ts';
import { TokenStore, type TokenInfo, type TokenSpec } from '../../auth/tokens.ts';
import { loadConfig } from '../../config/config.ts';
import { commandLogger } from '../../observability/logger.ts';
import { openWarehouse } from '../../warehouse/client.ts';
import { migrate } from '../../warehouse/migrate.ts';

/**
 * `radar token create | list | revoke` (DESIGN §8). Works on the store directly (ClickHouse
 * server, or the embedded store when no radar process holds it), or through a running API with
 * --api <url> and an admin token in RADAR_TOKEN — the way to manage tokens while `radar start`
 * holds the embedded store.
 */
interface Target {
  api?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerToken(program: Command): void {
  const token = program.command('token').description('issue, list and revoke API tokens (role + scope)');

  token
    .command('create')
    .description('issue a token; the secret is printed once (only its hash is stored)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--category <c>', 'a category a category_manager may see (repeat for several)', collect)
    .option('--host <id>', "the host a host token is for (it sees only this host's sessions)")
    .option('--name <text>', 'who or what holds the token')
    .option('--expires <when>', 'refuse the token after this: a duration (90m, 12h, 30d) or an ISO-8601 time')
    .option('--api <url>', 'issue through a running API (needs RADAR_TOKEN = an admin token)')
    .action(async (o: Target & { role: string; category?: string[]; host?: string; name?: string; expires?: string }) => {
      const expires = o.expires === undefined ? undefined : parseExpiry(o.expires);
      const spec: TokenSpec = {
        role: o.role,
        categories: o.category ?? [],
        host_id: o.host ?? null,
        ...(o.name ? { name: o.name } : {}),
        ...(expires ? { expires_at: expires } : {}),
      };
      const created = o.api
        ? await viaApi<{ token: string; info: TokenInfo }>(o.api, 'POST', '/v1/tokens', {
            role: spec.role,
            ...(o.category ? { categories: o.category } : {}),
            ...(o.host ? { host_id: o.host } : {}),
            ...(o.name ? { name: o.name } : {}),
            ...(expires ? { expires_at: expires.toISOString() } : {}),
          })
        : await withStore((s) => s.create(spec));
      process.stdout.write(`${created.token}\n`);
      const until = created.info.expires_at ? `, expires ${created.info.expires_at}` : '';
      process.stderr.write(`token ${created.info.id}: role ${created.info.role}${scopeText(created.info)}${until}. Keep it secret; it is not shown again.\n`);
    });

  token
    .command('list')
    .description('list tokens (never their secrets)')
    .option('--all', 'include revoked tokens')
    .option('--api <url>', 'list through a running API (needs RADAR_TOKEN = an admin token)')
    .action(async (o: Target & { all?: boolean }) => {
      const tokens = o.api
        ? (await viaApi<{ tokens: TokenInfo[] }>(o.api, 'GET', `/v1/tokens?include_revoked=${o.all ? 'true' : 'false'}`)).tokens
        : await withStore((s) => s.list(o.all ?? false));
      for (const t of tokens) {
        const state = t.revoked_at ? `  (revoked ${t.revoked_at})` : t.expires_at ? `  (expires ${t.expires_at})` : '';
        process.stdout.write(`${t.id}  ${t.role.padEnd(16)} ${scopeText(t).trim().padEnd(30)} ${t.name}${state}\n`);
      }
    });

  token
    .command('revoke <id>')
    .description('revoke a token by id (effective at once in this store; other API processes within 10 s)')
    .option('--api <url>', 'revoke through a running API (needs RADAR_TOKEN = an admin token)')
    .action(async (id: string, o: Target) => {
      const revoked = o.api ? (await viaApi<{ revoked: boolean }>(o.api, 'DELETE', `/v1/tokens/${encodeURIComponent(id)}`)).revoked : await withStore((s) => s.revoke(id));
      if (!revoked) {
        process.stderr.write(`radar token revoke: no live token with id ${id}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`revoked ${id}\n`);
    });
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--expires`: a duration from now (90m, 12h, 30d) or an ISO-8601 time with zone. */
export function parseExpiry(text: string, now = Date.now()): Date {
  const d = /^(\d{1,6})([mhd])$/.exec(text.trim());
  if (d) return new Date(now + Number(d[1]) * UNIT_MS[d[2]!]!);
  const t = Date.parse(text);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) && Number.isFinite(t)) return new Date(t);
  throw new Error(`--expires: "${text}" is neither a duration (90m, 12h, 30d) nor an ISO-8601 time`);
}

function scopeText(t: TokenInfo): string {
  if (t.categories.length > 0) return ` (categories ${t.categories.join(', ')})`;
  if (t.host_id) return ` (host ${t.host_id})`;
  return '';
}

async function withStore<T>(fn: (store: TokenStore) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = commandLogger(config, 'radar', config.logLevel === 'info' ? 'warn' : config.logLevel);
  let warehouse;
  try {
    warehouse = await openWarehouse(config, log);
  } catch (err) {
    if (/Cannot lock file|Another server instance/i.test(String((err as Error & { cause?: unknown }).cause ?? err))) {
      throw new Error(`the store in ${config.dataDir} is held by a running radar process; pass --api http://host:port with RADAR_TOKEN set to an admin token`);
    }
    throw err;
  }
  try {
    await migrate(warehouse.client, log);
    return await fn(new TokenStore(warehouse));
  } catch (err) {
    if (err instanceof TokenSpecError) throw new Error(`--${err.field === 'host_id' ? 'host' : err.field === 'categories' ? 'category' : err.field === 'expires_at' ? 'expires' : err.field}: ${err.message}`);
    throw err;
  } finally {
    await warehouse.close();
  }
}

async function viaApi<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const admin = process.env.RADAR_TOKEN;
  if (!admin) throw new Error('--api needs an admin token in RADAR_TOKEN');
  const res = await fetch(new URL(path, base), {
    method,
    headers: { authorization: `Bearer ${admin}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const answer = (await res.json().catch(() => ({}))) as T & { message?: string };
  if (res.status === 404 && method === 'DELETE') return { revoked: false } as T;
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${answer.message ?? ''}`);
  return answer;
}
