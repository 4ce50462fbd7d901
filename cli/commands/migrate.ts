import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { commandLogger } from '../../observability/logger.ts';
import { openWarehouse } from '../../warehouse/client.ts';
import { migrate } from '../../warehouse/migrate.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply the forward-only migrations in sql/migrations (running it twice changes nothing)')
    .action(async () => {
      const config = loadConfig();
      const log = commandLogger(config);
      const warehouse = await openWarehouse(config, log);
      try {
        const result = await migrate(warehouse.client, log);
        process.stdout.write(
          `migrations: ${result.applied.length} applied, ${result.skipped.length} already applied (${warehouse.location})\n`,
        );
      } finally {
        await warehouse.close();
      }
    });
}
