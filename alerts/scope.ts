import type { Audience, Labels } from './types.ts';

/**
 * Who is looking (DESIGN §8), as far as alerts care. The API maps its token (auth/) to this;
 * alerts/ never sees tokens. A category manager sees alerts meant for category managers in
 * their categories; a host sees alerts meant for hosts about themselves; admin and ops see all.
 */
export type Viewer =
  | { role: 'admin' | 'ops'; id?: string }
  | { role: 'category_manager'; categories: readonly string[]; id?: string }
  | { role: 'host'; hostId: string; id?: string };

export function canSee(viewer: Viewer, alert: { audiences: readonly Audience[]; labels: Labels }): boolean {
  switch (viewer.role) {
    case 'admin':
    case 'ops':
      return true;
    case 'category_manager':
      return alert.audiences.includes('category_manager') && viewer.categories.includes(alert.labels.category ?? '\u0000');
    case 'host':
      return alert.audiences.includes('host') && alert.labels.host_id === viewer.hostId;
  }
}

/** Acknowledge / resolve: ops and admin everywhere, a category manager on alerts they can see. */
export function canAct(viewer: Viewer, alert: { audiences: readonly Audience[]; labels: Labels }): boolean {
  if (viewer.role === 'admin' || viewer.role === 'ops') return true;
  return viewer.role === 'category_manager' && canSee(viewer, alert);
}

/** The same scope as bound parameters of sql/alerts/list_alerts.sql. */
export function scopeParams(viewer: Viewer): { scope: string; scope_categories: string[]; scope_host: string } {
  switch (viewer.role) {
    case 'admin':
    case 'ops':
      return { scope: 'all', scope_categories: [], scope_host: '' };
    case 'category_manager':
      return { scope: 'category', scope_categories: [...viewer.categories], scope_host: '' };
    case 'host':
      return { scope: 'host', scope_categories: [], scope_host: viewer.hostId };
  }
}

export function actorOf(viewer: Viewer): string {
  return viewer.id ?? viewer.role;
}
