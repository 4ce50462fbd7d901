import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKpiScheduler } from '../../kpi/scheduler.ts';
import { watchKpiHealth } from '../../kpi/health.ts';
import { failingCommands } from '../../test/kpi/test-support.ts';
import { createLogger } from '../../observability/logger.ts';
import { openTestWarehouse, type TestWarehouse } from '../../test/helpers/test-warehouse.ts';
import { healthRoutes } from './health.route.ts';
import { metricsRoutes } from './metrics.route.ts';

/** Issue #21: /healthz and /metrics say when the KPI job keeps failing or its data falls behind. */
let tw: TestWarehouse;
let app: FastifyInstance;
const limits = { maxFailures: 3, maxLagSeconds: 600 };
const log = createLogger('silent');
// A schedule that does not fire during the test; runs are triggered by hand.
const NEVER = '0 0 1 1 *';

beforeAll(async () => {
  tw = await openTestWarehouse();
  app = Fastify();
  await app.register(healthRoutes, { warehouse: tw.warehouse, startedAt: Date.now(), kpiHealth: limits });
  await app.register(metricsRoutes);
  watchKpiHealth(tw.warehouse, limits);
});
afterAll(async () => {
  await app?.close();
  await tw?.close();
});

interface Health {
  status: string;
  kpi: { status: string; reasons: string[]; consecutive_failures: number; lag_s: number | null; watermark: string | null };
}
const health = async () => {
  const res = await app.inject({ method: 'GET', url: '/healthz' });
  return { code: res.statusCode, body: res.json<Health>() };
};
const gauge = async (name: string) => {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
};

describe('KPI health', () => {
  it('is degraded on a store no refresh has completed on', async () => {
    const { code, body } = await health();
    expect(code).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.kpi.reasons.join()).toMatch(/no KPI refresh has ever completed/);
  });

  it('turns degraded after maxFailures failed runs in a row, and ok again after a success', async () => {
    const good = startKpiScheduler(tw.warehouse, log, NEVER);
    await good.runOnce(); // joins the run the scheduler starts at once
    await good.stop();
    expect((await health()).body.status).toBe('ok');
    expect(await gauge('radar_kpi_degraded')).toBe(0);

    const broken = startKpiScheduler(failingCommands(tw.warehouse, () => true, 'disk on fire'), log, NEVER);
    await broken.runOnce();
    await broken.runOnce();
    const two = await health();
    expect(two.body.kpi.consecutive_failures).toBe(2);
    expect(two.body.status).toBe('ok'); // two failures are retried, not yet a streak
    await broken.runOnce();
    const three = await health();
    expect(three.body.status).toBe('degraded');
    expect(three.body.kpi.reasons.join()).toMatch(/failed 3 runs in a row.*disk on fire/);
    expect(await gauge('radar_kpi_degraded')).toBe(1);
    expect(await gauge('radar_kpi_refresh_consecutive_failures')).toBe(3);
    await broken.stop();

    const healed = startKpiScheduler(tw.warehouse, log, NEVER);
    await healed.runOnce();
    await healed.stop();
    const after = await health();
    expect(after.body.status).toBe('ok');
    expect(after.body.kpi.consecutive_failures).toBe(0);
    expect(after.body.kpi.lag_s).toBeLessThan(limits.maxLagSeconds);
  });

  it('turns degraded when the watermark lags more than maxLagSeconds, in a process without the job', async () => {
    const old = new Date(Date.now() - 2 * 3_600_000).toISOString().replace('T', ' ').slice(0, 23);
    await tw.warehouse.client.command({ query: 'TRUNCATE TABLE kpi_state' });
    await tw.warehouse.client.insert({ table: 'kpi_state', values: [{ name: 'refresh', watermark: old, version: 1 }], format: 'JSONEachRow' });
    const { body } = await health();
    expect(body.status).toBe('degraded');
    expect(body.kpi.lag_s).toBeGreaterThan(7000);
    expect(body.kpi.reasons.join()).toMatch(/watermark \d+ s behind \(limit 600 s\)/);
    expect(await gauge('radar_kpi_watermark_lag_seconds')).toBeGreaterThan(7000);
  });
});
