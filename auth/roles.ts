import type { Scope } from '../kpi/filters.ts';

/**
 * Roles and scopes (DESIGN §8). admin: everything, incl. ingest and tokens. ops: every read,
 * unscoped. category_manager: reads limited to their categories. host: reads limited to their
 * own sessions (host_id). producer: may only ingest events (POST /v1/events/*) — the key a data
 * pipeline holds, so a leaked one reads nothing and mints nothing.
 */
import { ROLES, type Role } from './role-names.ts';

export { ROLES, type Role };

export interface Principal {
  token_id: string;
  role: Role;
  /** category_manager only. */
  categories: string[];
  /** host only. */
  host_id: string | null;
  name: string;
}

export class TokenSpecError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const ID = /^[^\s]{1,128}$/u;

/** Checks a token's role/scope combination; throws TokenSpecError naming the bad field. */
export function validateTokenSpec(spec: { role: string; categories?: string[]; host_id?: string | null }): {
  role: Role;
  categories: string[];
  host_id: string | null;
} {
  if (!(ROLES as readonly string[]).includes(spec.role)) {
    throw new TokenSpecError('role', `role must be one of ${ROLES.join(', ')}`);
  }
  const role = spec.role as Role;
  const categories = [...new Set(spec.categories ?? [])];
  const host = spec.host_id ?? null;
  for (const c of categories) {
    if (c.length < 1 || c.length > 64) throw new TokenSpecError('categories', 'a category has 1 to 64 characters');
  }
  if (host !== null && !ID.test(host)) throw new TokenSpecError('host_id', 'host id: 1 to 128 characters, no spaces');
  switch (role) {
    case 'category_manager':
      if (categories.length === 0) throw new TokenSpecError('categories', 'a category_manager token needs at least one category');
      if (host !== null) throw new TokenSpecError('host_id', 'a category_manager token has no host');
      break;
    case 'host':
      if (host === null) throw new TokenSpecError('host_id', 'a host token needs the host id');
      if (categories.length > 0) throw new TokenSpecError('categories', 'a host token is scoped by host, not category');
      break;
    default:
      if (categories.length > 0 || host !== null) {
        throw new TokenSpecError(categories.length > 0 ? 'categories' : 'host_id', `an ${role} token is not scoped`);
      }
  }
  return { role, categories, host_id: host };
}

/** The KPI scope a principal reads under. */
export function scopeOf(p: Principal): Scope {
  switch (p.role) {
    case 'category_manager':
      return { categories: p.categories };
    case 'host':
      return { host_id: p.host_id ?? '' };
    default:
      return {};
  }
}
