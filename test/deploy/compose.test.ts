import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * docker-compose.yml is for users (no Docker engine here), so nothing else runs it: this reads
 * it as compose does (YAML merge keys) and checks the design's rule that the alert engine and
 * the KPI job run exactly once per store, whatever `--scale api=N` or `--scale ingest=N` does.
 */
interface Service {
  command?: string[];
  environment?: Record<string, string>;
}

const file = fileURLToPath(new URL('../../docker-compose.yml', import.meta.url));
const services = (parse(readFileSync(file, 'utf8'), { merge: true }) as { services: Record<string, Service> }).services;

/** Defaults as in config/config.ts: `api` and `start` run both jobs unless told not to. */
function runs(service: Service, job: 'alerts' | 'kpi'): boolean {
  const [command, sub] = service.command ?? [];
  const flag = service.environment?.[job === 'alerts' ? 'RADAR_ALERTS_ENGINE' : 'RADAR_KPI_SCHEDULER'];
  if (command === 'api' || command === 'start') return flag !== 'false';
  return job === 'alerts' ? command === 'alerts' : command === 'kpi' && sub === 'run';
}

describe('docker-compose.yml', () => {
  for (const job of ['alerts', 'kpi'] as const) {
    it(`runs the ${job} job in exactly one service, and not in a scalable one`, () => {
      const running = Object.entries(services).filter(([, s]) => runs(s, job)).map(([name]) => name);
      expect(running).toHaveLength(1);
      expect(['api', 'ingest']).not.toContain(running[0]);
    });
  }

  it('gives every product service the store and the broker', () => {
    for (const [name, s] of Object.entries(services)) {
      if (name === 'kafka' || name === 'clickhouse') continue;
      expect(s.environment?.CLICKHOUSE_URL, name).toBe('http://clickhouse:8123');
      expect(s.environment?.KAFKA_BROKERS, name).toBe('kafka:9092');
    }
  });
});
