import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUALITY_REASON_CODES } from '../contracts/refunds.ts';
import { createLogger } from '../observability/logger.ts';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import { queryRows } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { kpiRuns } from './metrics.ts';
import { refreshKpiFacts } from './refresh.ts';
import { ALL_PARTITIONS } from './partition-chunks.ts';
import { startKpiScheduler } from './scheduler.ts';
import { ingestAndRefresh, insertRaw, step } from '../test/kpi/test-support.ts';

/** The refresh job itself: replacement of moved facts, idempotence, failure and retry, no overlap. */
let tw: TestWarehouse;
const facts = (refundId: string) =>
  queryRows<{ kind: string; ts: string; outcome: string }>(
    tw.warehouse.client,
    'SELECT kind, ts, toString(outcome) AS outcome FROM refund_facts FINAL WHERE refund_id = {id:String} ORDER BY kind, ts',
    { id: refundId },
  );
const runs = async (outcome: string) => (await kpiRuns.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

beforeAll(async () => {
  tw = await openTestWarehouse();
});
afterAll(async () => tw?.close());

describe('KPI refresh', () => {
  it('moves a fact when a late step changes its time, and leaves no stale row', async () => {
    await ingestAndRefresh(tw.warehouse, { refunds: [step('M1', 'requested', '2026-11-10T05:00:00')] });
    expect(await facts('M1')).toEqual([
      { kind: 'open', ts: '2026-11-10 05:00:00.000', outcome: 'decision' },
      { kind: 'request', ts: '2026-11-10 05:00:00.000', outcome: '' },
    ]);
    // An earlier request of the same refund arrives late; then a rejection, then an escalation.
    await ingestAndRefresh(tw.warehouse, { refunds: [step('M1', 'requested', '2026-11-09T23:00:00'), step('M1', 'rejected', '2026-11-10T06:00:00')] });
    expect(await facts('M1')).toEqual([
      { kind: 'close', ts: '2026-11-10 06:00:00.000', outcome: 'rejected' },
      { kind: 'decision', ts: '2026-11-10 06:00:00.000', outcome: 'rejected' },
      { kind: 'request', ts: '2026-11-09 23:00:00.000', outcome: 'rejected' },
      { kind: 'stage_decision', ts: '2026-11-10 06:00:00.000', outcome: '' },
    ]);
    await ingestAndRefresh(tw.warehouse, { refunds: [step('M1', 'escalated', '2026-11-10T07:00:00', { actor: 'platform' })] });
    const after = await facts('M1');
    expect(after.map((f) => f.kind)).toEqual(['decision', 'open', 'request', 'stage_decision']); // reopened: no close row
    expect(after.find((f) => f.kind === 'open')).toEqual({ kind: 'open', ts: '2026-11-10 07:00:00.000', outcome: 'decision' });
  });

  it('is idempotent: another run over the same data changes no fact', async () => {
    const snapshot = async () =>
      queryRows(tw.warehouse.client, 'SELECT kind, ts, refund_id, outcome, value, is_cancelled FROM refund_facts FINAL ORDER BY ALL');
    const stored = async () =>
      queryRows<{ f: string; s: string }>(tw.warehouse.client, 'SELECT (SELECT count() FROM refund_facts) AS f, (SELECT count() FROM shipment_facts) AS s');
    const before = await snapshot();
    const rowsBefore = await stored();
    // Both runs re-touch everything ingested within the overlap; nothing changed, so nothing is written.
    const again = await refreshKpiFacts(tw.warehouse);
    await refreshKpiFacts(tw.warehouse);
    expect(again.refunds).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
    expect(await stored()).toEqual(rowsBefore);
  });

  it('repairs a run that died between writing facts and recording their keys', async () => {
    await ingestAndRefresh(tw.warehouse, { refunds: [step('C1', 'requested', '2026-11-10T05:00:00')] });
    // A run that saw an approval at 06:00 wrote its facts and died before step 3 (keys_final).
    await insertRaw(tw.warehouse, { refunds: [step('C1', 'approved', '2026-11-10T06:00:00')] });
    const batch = 1;
    const run = (name: string, params: Record<string, unknown>) =>
      tw.warehouse.client.command({ query: loadSql(`kpi/refresh/${name}`), query_params: params });
    await tw.warehouse.client.insert({ table: 'kpi_touched', values: [{ batch, entity: 'refund', shop_id: 'S1', id: 'C1', hour: '2026-11-10 00:00:00' }], format: 'JSONEachRow' });
    const params = { batch, version: Date.now() * 10 - 1000, quality_reasons: [...QUALITY_REASON_CODES], ...ALL_PARTITIONS };
    for (const name of ['refund_stage', 'keys_pending_refund', 'write_refund_facts']) await run(name, params);
    // Before the next run, the approval turns out to be a timeout approval an hour later.
    await ingestAndRefresh(tw.warehouse, { refunds: [step('C1', 'timeout_approved', '2026-11-10T07:00:00', { actor: 'system' })] });
    const decisions = (await facts('C1')).filter((f) => f.kind === 'decision');
    expect(decisions).toEqual([{ kind: 'decision', ts: '2026-11-10 07:00:00.000', outcome: 'timeout_approved' }]);
  });
});

describe('KPI scheduler', () => {
  it('never overlaps, counts a failed run, and redoes it on the next run', async () => {
    const log = createLogger('silent');
    // A schedule that does not fire during the test; runs are triggered by hand.
    const scheduler = startKpiScheduler(tw.warehouse, log, '0 0 1 1 *');
    await scheduler.runOnce();
    await insertRaw(tw.warehouse, { refunds: [step('F1', 'requested', '2026-11-10T05:00:00')] });

    await tw.warehouse.client.command({ query: 'RENAME TABLE order_lookup TO order_lookup_gone' });
    const failedBefore = await runs('failed');
    expect(await scheduler.runOnce()).toBeUndefined();
    expect(await runs('failed')).toBe(failedBefore + 1);
    expect(await facts('F1')).toEqual([]);
    await tw.warehouse.client.command({ query: 'RENAME TABLE order_lookup_gone TO order_lookup' });

    const skippedBefore = await runs('skipped_overlap');
    const [a, b] = [scheduler.runOnce(), scheduler.runOnce()];
    expect(b).toBe(a);
    expect(await runs('skipped_overlap')).toBe(skippedBefore + 1);
    expect((await a)?.refunds).toBeGreaterThanOrEqual(1);
    expect((await facts('F1')).map((f) => f.kind)).toEqual(['open', 'request']);

    const snaps = await queryRows<{ n: string }>(tw.warehouse.client, "SELECT count() AS n FROM kpi_snapshots FINAL WHERE scope = 'all'");
    expect(Number(snaps[0]!.n)).toBeGreaterThan(0);
    await scheduler.stop();
  });

  it('refuses an invalid schedule', () => {
    expect(() => startKpiScheduler(tw.warehouse, createLogger('silent'), 'every minute')).toThrow(/cron/);
  });
});
