import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { queryRows, type Warehouse } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { toChTime } from '../kpi/time.ts';
import { TokenSpecError, validateTokenSpec, type Principal, type Role } from './roles.ts';

/**
 * API tokens, stored hashed in ClickHouse (sql/migrations/0005). A token reads
 * `radar_<id>_<secret>`: the id finds the row by primary key, the secret (256 random bits) is
 * compared by its SHA-256 in constant time. Only the hash is ever stored.
 */
const TOKEN = /^radar_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface TokenInfo {
  id: string;
  role: Role;
  categories: string[];
  host_id: string | null;
  name: string;
  created_at: string;
  revoked_at: string | null;
  expires_at: string | null;
}

export interface TokenSpec {
  role: string;
  categories?: string[];
  host_id?: string | null;
  name?: string;
  /** After this instant the token is refused (optional; tokens without it do not expire). */
  expires_at?: Date | null;
}

type Row = {
  id: string;
  secret_hash: string;
  role: Role;
  categories: string[];
  host_id: string;
  name: string;
  created_at: string;
  revoked_at: string | null;
  expires_at: string | null;
  version: string;
};

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Hits are cached this long; a revocation elsewhere takes effect within this time. */
export const TOKEN_CACHE_MS = 10_000;
const TOKEN_CACHE_MAX = 10_000;

export class TokenStore {
  readonly #cache = new Map<string, { principal: Principal | null; secretHash: string; until: number; expiresAtMs: number }>();

  constructor(private readonly warehouse: Warehouse) {}

  async create(spec: TokenSpec): Promise<{ token: string; info: TokenInfo }> {
    const valid = validateTokenSpec(spec);
    const expires = spec.expires_at ?? null;
    if (expires !== null && !(expires.getTime() > Date.now())) throw new TokenSpecError('expires_at', 'expires_at must be in the future');
    const id = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const now = new Date();
    const row = {
      id,
      secret_hash: hash(secret),
      role: valid.role,
      categories: valid.categories,
      host_id: valid.host_id ?? '',
      name: spec.name ?? '',
      created_at: toChTime(now),
      revoked_at: null,
      expires_at: expires ? toChTime(expires) : null,
      version: now.getTime(),
    };
    await this.warehouse.client.insert({ table: 'api_tokens', values: [row], format: 'JSONEachRow' });
    return { token: `radar_${id}_${secret}`, info: info({ ...row, version: String(row.version) }) };
  }

  /** Revokes a token by id; false when no such (live) token exists. */
  async revoke(id: string): Promise<boolean> {
    const row = await this.#row(id);
    if (!row || row.revoked_at) return false;
    const now = new Date();
    await this.warehouse.client.insert({
      table: 'api_tokens',
      values: [{ ...row, revoked_at: toChTime(now), version: Math.max(now.getTime(), Number(row.version) + 1) }],
      format: 'JSONEachRow',
    });
    this.#cache.delete(id);
    return true;
  }

  async list(includeRevoked = false): Promise<TokenInfo[]> {
    const rows = await queryRows<Row>(this.warehouse.client, loadSql('auth/tokens_list'), { include_revoked: includeRevoked });
    return rows.map(info);
  }

  /** The principal of a presented token, or null when it is malformed, unknown or revoked. */
  async verify(token: string): Promise<Principal | null> {
    const m = TOKEN.exec(token);
    if (!m) return null;
    const id = m[1]!;
    const secret = m[2]!;
    let entry = this.#cache.get(id);
    if (!entry || entry.until <= Date.now()) {
      const row = await this.#row(id);
      entry = {
        principal: row && !row.revoked_at ? toPrincipal(row) : null,
        secretHash: row?.secret_hash ?? '',
        until: Date.now() + TOKEN_CACHE_MS,
        expiresAtMs: row?.expires_at ? chTimeMs(row.expires_at) : Infinity,
      };
      // Bounded: unknown ids are cached too (so guessing costs no query), and must not grow it forever.
      if (this.#cache.size >= TOKEN_CACHE_MAX) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(id, entry);
    }
    // Checked on every call, not only when the cache is filled: expiry is exact to the request.
    if (!entry.principal || entry.expiresAtMs <= Date.now()) return null;
    const a = Buffer.from(hash(secret), 'hex');
    const b = Buffer.from(entry.secretHash, 'hex');
    return a.length === b.length && timingSafeEqual(a, b) ? entry.principal : null;
  }

  async #row(id: string): Promise<Row | undefined> {
    const [row] = await queryRows<Row>(this.warehouse.client, loadSql('auth/token_by_id'), { id });
    return row;
  }
}

function toPrincipal(r: Row): Principal {
  return { token_id: r.id, role: r.role, categories: r.categories, host_id: r.host_id || null, name: r.name };
}

/** A DateTime64 as ClickHouse writes it ('2026-12-03 12:00:00.000', UTC) in ms. */
function chTimeMs(s: string): number {
  return Date.parse(`${s.replace(' ', 'T')}Z`);
}

function info(r: Row): TokenInfo {
  const iso = (s: string) => new Date(chTimeMs(s)).toISOString();
  return {
    id: r.id,
    role: r.role,
    categories: r.categories,
    host_id: r.host_id || null,
    name: r.name,
    created_at: iso(r.created_at),
    revoked_at: r.revoked_at ? iso(r.revoked_at) : null,
    expires_at: r.expires_at ? iso(r.expires_at) : null,
  };
}
