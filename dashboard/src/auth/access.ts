import type { Me, Role } from '../api/types.ts';

/**
 * What each role is shown (DESIGN §8). The API enforces scope on every request anyway; the
 * dashboard simply does not offer what a role may not see.
 */
export const PAGES = ['overview', 'skus', 'hosts', 'logistics', 'alerts', 'console', 'trace'] as const;
export type Page = (typeof PAGES)[number];

const BY_ROLE: Record<Role, readonly Page[]> = {
  admin: PAGES,
  ops: PAGES,
  category_manager: ['overview', 'skus', 'hosts', 'logistics', 'alerts', 'trace'],
  host: ['console', 'hosts', 'overview', 'alerts', 'trace'],
  // A producer key may only ingest (auth/roles.ts): the API refuses it every read, so no page.
  producer: [],
};

export function pagesFor(role: Role): readonly Page[] {
  return BY_ROLE[role];
}

export function canOpen(me: Me, page: string): boolean {
  return (BY_ROLE[me.role] as readonly string[]).includes(page);
}

/**
 * The page a role lands on (issue #17): a host their console, a category manager the SKU page
 * (which opens with their categories' return warnings), ops and admin the overview.
 */
export function homeOf(me: Me): Page {
  if (me.role === 'host') return 'console';
  if (me.role === 'category_manager') return 'skus';
  return 'overview';
}

/** Acknowledge / resolve (alerts/scope.ts canAct): ops, admin, and a category manager on their alerts. */
export function canActOnAlerts(me: Me): boolean {
  return me.role === 'admin' || me.role === 'ops' || me.role === 'category_manager';
}

/** Silences mute notifications for everyone: ops and admin only. */
export function canSilence(me: Me): boolean {
  return me.role === 'admin' || me.role === 'ops';
}

/** Which global filters a role may change: a host is fixed to themself, a category manager to their categories. */
export function fixedFilters(me: Me): Partial<Record<'host_id' | 'category', string[]>> {
  if (me.role === 'host' && me.host_id) return { host_id: [me.host_id] };
  if (me.role === 'category_manager') return { category: me.categories };
  return {};
}

/** Console of which host: a host's own; ops and admin choose one (`?host_id=`). */
export function consoleHost(me: Me, requested: string | undefined): string | null {
  if (me.role === 'host') return me.host_id;
  return requested ?? null;
}
