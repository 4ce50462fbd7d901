import type { Config } from '../config/config.ts';
import type { Logger } from '../observability/logger.ts';
import { createSimulation } from '../simulator/simulation.ts';
import { runSimulation } from '../simulator/run.ts';
import { queryRows } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { embeddedSink } from './embedded-sink.ts';
import { startServices } from './services.ts';

export interface Running {
  url: string;
  stop(): Promise<void>;
}

/**
 * `radar start`: every role in one process (chDB binds its data directory to one process, so
 * in the embedded default the API, ingest, stream rules and the simulator share it).
 */
export async function startEmbedded(config: Config, log: Logger, say: (line: string) => void): Promise<Running> {
  const services = await startServices(config, log);
  const { warehouse, pipeline } = services;
  const browseUrl = services.url.replace('127.0.0.1', 'localhost');

  say('');
  say('售后雷达 Aftersales Radar is running');
  say(`  dashboard   ${browseUrl}/`);
  say(`  API docs    ${browseUrl}/docs`);
  say(`  health      ${browseUrl}/healthz`);
  say(`  warehouse   ${warehouse.mode === 'embedded' ? `embedded ClickHouse (chDB) in ${warehouse.location}` : warehouse.location}`);

  const abort = new AbortController();
  let simulation: Promise<unknown> = Promise.resolve();
  if (config.simulatorEnabled) {
    const empty = await storeIsEmpty(services.warehouse.client);
    const days = empty ? config.backfillDays : 0;
    say(
      days > 0
        ? `  simulator   backfilling ${days} days of history, then ${config.simulatorRate} events/s live (progress below)`
        : `  simulator   ${config.simulatorRate} events/s live (store already has data: no backfill)`,
    );
    const sim = createSimulation({ seed: config.simulatorSeed, incidents: true });
    simulation = runSimulation({
      simulation: sim,
      sink: embeddedSink(pipeline),
      days,
      rate: config.simulatorRate,
      signal: abort.signal,
      progress: true,
      log: log.child({ role: 'simulator' }),
    }).catch((err: unknown) => log.error({ err }, 'simulator stopped with an error'));
  }
  say('Press Ctrl-C to stop.');
  say('');

  return {
    url: services.url,
    async stop() {
      abort.abort();
      await simulation;
      await services.stop();
    },
  };
}

async function storeIsEmpty(client: Parameters<typeof queryRows>[0]): Promise<boolean> {
  const rows = await queryRows<{ n: string }>(client, loadSql('stats/orders_count'));
  return Number(rows[0]?.n ?? 0) === 0;
}
