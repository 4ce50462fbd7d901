import Fastify, { type FastifyInstance } from 'fastify';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRoutes } from '../../api/routes/ingest.route.ts';
import type { IngestPipeline } from '../../ingest/pipeline.ts';
import { refreshKpiFacts } from '../../kpi/refresh.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { order, scan } from '../../test/helpers/fixtures.ts';
import { openTestWarehouse, type TestWarehouse } from '../../test/helpers/test-warehouse.ts';
import { runImport, ImportError } from './run-import.ts';
import { httpTarget, pipelineTarget } from './targets.ts';
import type { ImportState } from './history-file.ts';

/** `radar import` (issue #21): resumable, reports rejects, and the refresh catches up after it. */
let tw: TestWarehouse;
let pipeline: IngestPipeline;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  tw = await openTestWarehouse();
  pipeline = createPipeline(tw.warehouse, { ingestBatchRows: 50_000, ingestBatchMs: 50, dataDir: tw.dir });
  app = Fastify();
  await app.register(ingestRoutes, { pipeline, bodyLimit: 16 * 1024 * 1024 });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await tw?.close();
});

const DAY = 86_400_000;
const BASE = Date.UTC(2025, 2, 1, 9);
const iso = (ms: number) => new Date(ms).toISOString();

/** 110 shipments promised on 110 days and their orders, as envelopes, with five bad lines among them. */
function historyFile(name: string): { path: string; good: number; bad: Array<[line: number, reason: RegExp]> } {
  const lines: string[] = [];
  const bad: Array<[number, RegExp]> = [];
  for (let i = 0; i < 110; i++) {
    const t = BASE + i * DAY;
    lines.push(JSON.stringify({ topic: 'orders', event: order({ event_id: `imp-o-${name}-${i}`, order_id: `IO-${name}-${i}`, occurred_at: iso(t) }) }));
    const s = scan({ event_id: `imp-s-${name}-${i}`, shipment_id: `IS-${name}-${i}`, order_id: `IO-${name}-${i}`, status: 'created', occurred_at: iso(t), promised_at: iso(t + 2 * DAY) });
    lines.push(JSON.stringify({ topic: 'logistics', event: s }));
    if (i === 10) lines.push('');
    if (i === 20) bad.push([lines.push('{"topic": "logistics", "event": {"shipment_id": "x"'), /not valid JSON/]);
    if (i === 30) bad.push([lines.push(JSON.stringify({ topic: 'parcels', event: {} })), /envelope topic must be one of/]);
    if (i === 40) bad.push([lines.push(JSON.stringify({ topic: 'logistics', event: { ...s, event_id: `imp-bad-${name}`, status: 'teleported' } })), /status/]);
    if (i === 50) bad.push([lines.push(JSON.stringify({ topic: 'orders', event: 'not an object' })), /"event" must be a JSON object/]);
    if (i === 60) bad.push([lines.push(JSON.stringify({ topic: 'orders', event: { ...order(), event_id: `imp-bad-o-${name}`, amount: 'free' } })), /amount/]);
  }
  const path = join(tw.dir, `${name}.ndjson`);
  // CRLF line ends, as a file exported on Windows would have.
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return { path, good: 220, bad };
}

const stored = async (name: string) => ({
  orders: await tw.count('orders', `event_id LIKE 'imp-o-${name}-%'`),
  scans: await tw.count('logistics_scans', `event_id LIKE 'imp-s-${name}-%'`),
});

describe('radar import', () => {
  it('stops after a batch, resumes from its checkpoint, reports and writes the rejects, then the refresh catches up', async () => {
    const f = historyFile('emb');
    const opts = { file: f.path, target: pipelineTarget(pipeline, tw.dir), statePath: `${f.path}.state`, rejectsPath: `${f.path}.rejects`, batchLines: 40 };
    let batches = 0;
    const first = await runImport({ ...opts, stopRequested: () => ++batches === 2 });
    expect(first.status).toBe('stopped');
    const checkpoint = JSON.parse(readFileSync(opts.statePath, 'utf8')) as ImportState;
    expect(checkpoint.line).toBeGreaterThan(80);
    expect(checkpoint.done).toBe(false);
    const partial = await stored('emb');
    expect(partial.orders + partial.scans).toBe(first.accepted);
    expect(partial.orders + partial.scans).toBeLessThan(f.good);

    // A crash inside the next batch: the checkpoint is where the last acknowledged one ended, so
    // rewinding it one batch resends events already stored — harmless.
    writeFileSync(opts.statePath, JSON.stringify({ ...checkpoint, offset: 0, line: 1, accepted: 0, rejected: 0 }));
    writeFileSync(opts.rejectsPath, '');
    const rest = await runImport(opts);
    expect(rest.status).toBe('done');
    expect(await stored('emb')).toEqual({ orders: 110, scans: 110 });
    expect(rest.accepted).toBe(f.good);
    expect(rest.rejected).toBe(f.bad.length);
    expect(rest.perTopic).toMatchObject({ orders: { accepted: 110, rejected: 2 }, logistics: { accepted: 110, rejected: 1 } });

    const rejects = readFileSync(opts.rejectsPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string; raw: string })
      .sort((x, y) => x.line - y.line); // envelope rejects are written at once, contract rejects with their batch
    expect(rejects.map((r) => r.line)).toEqual(f.bad.map(([line]) => line));
    for (const [i, [, reason]] of f.bad.entries()) expect(`${rejects[i]!.reason} ${JSON.stringify(rejects[i])}`).toMatch(reason);
    // Events the contracts refuse are dead letters too, with their raw text.
    expect(await tw.count('dead_letters', "source = 'import'")).toBe(2);

    // Done: a rerun is a no-op.
    expect((await runImport(opts)).status).toBe('already_done');
    // The import spans 110 days of promises: the next refresh must succeed.
    const r = await refreshKpiFacts(tw.warehouse);
    expect(r.shipments).toBeGreaterThanOrEqual(110);
  });

  it('imports one topic through a running API, and refuses a checkpoint of another file', async () => {
    const path = join(tw.dir, 'scans.ndjson');
    const scans = Array.from({ length: 30 }, (_, i) => scan({ event_id: `imp-h-${i}`, shipment_id: `IH-${i}`, occurred_at: iso(BASE + i * DAY), promised_at: iso(BASE + i * DAY + DAY) }));
    writeFileSync(path, [...scans.map((s) => JSON.stringify(s)), '[1, 2]', JSON.stringify({ ...scans[0], event_id: 'imp-h-bad', carrier: 42 })].join('\n'));
    const opts = { file: path, topic: 'logistics' as const, target: httpTarget(url, undefined), statePath: `${path}.state`, rejectsPath: `${path}.rejects`, batchLines: 7, objectLinesOnly: true };
    const s = await runImport(opts);
    expect(s).toMatchObject({ status: 'done', accepted: 30, rejected: 2 });
    expect(s.reasons['not a JSON object']).toBe(1);
    expect(await tw.count('logistics_scans', "event_id LIKE 'imp-h-%'")).toBe(30);
    writeFileSync(path, 'another file\n');
    await expect(runImport(opts)).rejects.toThrow(ImportError);
    await expect(runImport(opts)).rejects.toThrow(/belongs to another file/);
  });
});
