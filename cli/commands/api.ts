import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { commandLogger } from '../../observability/logger.ts';
import { startServices } from '../../runtime/services.ts';
import { onShutdown } from '../shutdown.ts';

export function registerApi(program: Command): void {
  program
    .command('api')
    .description('serve the HTTP API (REST, HTTP ingest, /metrics, /docs) on RADAR_HOST:RADAR_PORT')
    .option('--port <n>', 'listen port (default RADAR_PORT or 8080)')
    .option('--host <addr>', 'listen address (default RADAR_HOST or 127.0.0.1)')
    .action(async (opts: { port?: string; host?: string }) => {
      const overrides = { ...(opts.port ? { port: Number(opts.port) } : {}), ...(opts.host ? { host: opts.host } : {}) };
      const config = loadConfig(process.env, overrides);
      const log = commandLogger(config);
      const services = await startServices(config, log, { relayReminders: true });
      onShutdown(async (signal) => {
        log.info({ signal }, 'stopping');
        await services.stop();
      });
    });
}
