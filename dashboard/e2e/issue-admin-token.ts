// Issues an admin token into an embedded store that no process holds yet, and prints it:
// what `radar token create --role admin` does on the store directly. The e2e harness runs it
// (in its own process: chDB binds a data directory to one process) only when the CLI command
// is not available in this tree.
import { TokenStore } from '../../auth/tokens.ts';
import { loadConfig } from '../../config/config.ts';
import { openWarehouse } from '../../warehouse/client.ts';
import { migrate } from '../../warehouse/migrate.ts';
import { createLogger } from '../../observability/logger.ts';

const config = loadConfig(process.env);
const log = createLogger('silent');
const warehouse = await openWarehouse(config, log);
try {
  await migrate(warehouse.client, log);
  const { token } = await new TokenStore(warehouse).create({ role: 'admin', name: 'dashboard-e2e' });
  process.stdout.write(`${token}\n`);
} finally {
  await warehouse.close();
}
