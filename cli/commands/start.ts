import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { commandLogger } from '../../observability/logger.ts';
import { startEmbedded } from '../../runtime/embedded.ts';
import { onShutdown } from '../shutdown.ts';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the whole product in one process: migrate, backfill simulated history if the store is empty, simulate live traffic, serve the API')
    .option('--port <n>', 'API port (default RADAR_PORT or 8080)')
    .option('--no-simulator', 'no built-in simulator (events only from HTTP ingest or Kafka)')
    .option('--days <n>', 'days to backfill into an empty store (default RADAR_BACKFILL_DAYS or 14)')
    .option('--rate <n>', 'live simulated events/s in real time: rooms and viewers live at once (default RADAR_SIM_RATE or 2)')
    .addHelpText(
      'after',
      `
Embedded default: ClickHouse runs in this process (chDB) with its data under RADAR_DATA_DIR
(./data). Set CLICKHOUSE_URL to use a ClickHouse server and KAFKA_BROKERS to ingest from Kafka.
Ctrl-C stops cleanly; a restart keeps the data and does not backfill again.`,
    )
    .action(async (opts: { port?: string; simulator: boolean; days?: string; rate?: string }) => {
      const config = loadConfig(process.env, {
        ...(opts.port !== undefined ? { port: Number(opts.port) } : {}),
        ...(opts.days !== undefined ? { backfillDays: Number(opts.days) } : {}),
        ...(opts.rate !== undefined ? { simulatorRate: Number(opts.rate) } : {}),
        ...(opts.simulator === false ? { simulatorEnabled: false } : {}),
      });
      const log = commandLogger(config);
      const running = await startEmbedded(config, log, (line) => process.stdout.write(`${line}\n`));
      onShutdown(async (signal) => {
        process.stdout.write(`\n${signal}: stopping…\n`);
        await running.stop();
        process.stdout.write('stopped; data kept in the warehouse.\n');
      });
    });
}
