import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config.ts';
import { registerApi } from './commands/api.ts';
import { registerContracts } from './commands/contracts.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerKafka } from './commands/kafka.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerRoleStubs } from './commands/roles.ts';
import { registerSimulate } from './commands/simulate.ts';
import { registerStart } from './commands/start.ts';
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
registerKafka(program);
registerRoleStubs(program);
registerContracts(program);
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
