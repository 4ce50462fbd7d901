import type { Command } from 'commander';

/**
 * Roles of the scale-out deployment that later work fills in. They exist now so `--help`
 * shows the whole shape, and say plainly what is missing instead of pretending to run.
 */
export function registerRoleStubs(program: Command): void {
  program
    .command('alerts')
    .description('run the alert engine role (scheduled KPI snapshots and alert rules) — not implemented yet')
    .action(() => {
      process.stderr.write('radar alerts: the alert engine is not implemented yet (see the issue tracker)\n');
      process.exitCode = 3;
    });
}
