import type { Command } from 'commander';

/**
 * Roles of the scale-out deployment that later work fills in. They exist so `--help` shows
 * the whole shape, and say plainly what is missing instead of pretending to run. None is left:
 * `radar alerts` is registered by cli/commands/alerts.ts.
 */
export function registerRoleStubs(_program: Command): void {}
