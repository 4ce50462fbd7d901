import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config.ts';
import { registerAlerts } from './commands/alerts.ts';
import { registerApi } from './commands/api.ts';
import { registerConfig } from './commands/config.ts';
import { registerContracts } from './commands/contracts.ts';
import { registerImport } from './commands/import.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerKpi } from './commands/kpi.ts';
import { registerKafka } from './commands/kafka.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerSimulate } from './commands/simulate.ts';
import { registerStart } from './commands/start.ts';
import { registerToken } from './commands/token.ts';
import { registerWording } from './commands/wording.ts';

const program = new Command('radar')
  .description('售后雷达 Aftersales Radar — refund and after-sales analytics and early warning for live commerce')
  .showHelpAfterError()
  .exitOverride();

registerStart(program);
registerMigrate(program);
registerSimulate(program);
registerApi(program);
registerIngest(program);
registerImport(program);
registerKafka(program);
registerAlerts(program);
registerKpi(program);
registerToken(program);
registerContracts(program);
registerConfig(program);
registerWording(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
  if (err instanceof ConfigError) {
    process.stderr.write(`radar: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`radar: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
}
