/**
 * The role names alone, with no imports: the dashboard takes its Role type from here (type-only),
 * so adding a role on the server changes what the dashboard must handle. Meanings: roles.ts.
 */
export const ROLES = ['admin', 'ops', 'category_manager', 'host', 'producer'] as const;
export type Role = (typeof ROLES)[number];
