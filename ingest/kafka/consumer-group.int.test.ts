import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssignerProtocol } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../../contracts/index.ts';
import { exportWarehouse, importTables, smallFetchEnv, spawnIngest, stopGracefully, type IngestChild } from '../../test/kafka/ingest-process.ts';
import { groupLag, produceStream, progressNotes, waitFor, waitUntilCaughtUp, withAdmin } from '../../test/kafka/kafka-test-kit.ts';
import { kafkaTestBed } from '../../test/kafka/kafka-test-bed.ts';
import { mixedStream } from '../../test/kafka/mixed-stream.ts';
import { deadLetterCounts, eventCounts, kpiFigures } from '../../test/kafka/warehouse-checks.ts';

const bed = kafkaTestBed('grp');
const { tag, prefix, groupId } = bed;
const database = 'radar';
const CHILD_ENV = smallFetchEnv(10000);

/** Partitions assigned to each member of the group, once the group is stable with `members` members. */
async function stableAssignment(brokers: string, members: number): Promise<number[]> {
  return waitFor(`group ${groupId} stable with ${members} members`, 90_000, () =>
    withAdmin(brokers, async (admin) => {
      const { groups } = await admin.describeGroups([groupId]);
      const g = groups[0];
      if (!g || g.state !== 'Stable' || g.members.length !== members) return undefined;
      return g.members.map((m) => {
        const a = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
        return Object.values(a?.assignment ?? {}).reduce((s, parts) => s + parts.length, 0);
      });
    }),
  );
}

describe('two ingest processes in one consumer group', () => {
  const dirs = [mkdtempSync(join(tmpdir(), 'radar-consumer-a-')), mkdtempSync(join(tmpdir(), 'radar-consumer-b-'))];
  const children: IngestChild[] = [];

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }, 120_000);

  it('share the partitions of 4-partition topics, also across a rebalance mid-stream; nothing is lost or doubled', async () => {
    const note = progressNotes('consumer-group');
    const stream = mixedStream({ tag, events: 60_000, malformedRate: 0.03, duplicateRate: 0.03 });
    const cut = Math.floor(stream.messages.length * 0.6);
    // Each process owns a chDB directory (chDB binds one per process); a shared ClickHouse
    // server is modelled by loading both into one warehouse afterwards.
    const start = (dataDir: string) => {
      const child = spawnIngest({ brokers: bed.broker.brokers, groupId, prefix, dataDir, database, env: CHILD_ENV });
      children.push(child);
      return child;
    };

    // A alone works through the first part; B joins while A is busy, so A's partitions are
    // taken away mid-batch (in-flight chunks finished and committed before they move).
    await start(dirs[0]!).running();
    await produceStream(bed.broker.brokers, prefix, stream.messages.slice(0, cut));
    const before = await waitFor('the first consumer to be mid-stream', 120_000, async () => {
      const t = await groupLag(bed.broker.brokers, groupId, prefix);
      return t.committed > 0 ? t : undefined;
    }, 25);
    note(`second consumer joins at ${before.committed} committed, lag ${before.lag}`);
    await start(dirs[1]!).running();
    const assigned = await stableAssignment(bed.broker.brokers, 2);
    note(`group stable, partitions per member: ${assigned.join(', ')}`);
    expect(assigned.reduce((a, b) => a + b, 0)).toBe(TOPICS.length * 4);
    expect(Math.min(...assigned)).toBeGreaterThan(0);

    await produceStream(bed.broker.brokers, prefix, stream.messages.slice(cut));
    await waitUntilCaughtUp(bed.broker.brokers, groupId, prefix, stream.messages.length, 240_000);
    note('caught up');
    for (const child of children) expect(await stopGracefully(child), child.output().slice(-3000)).toEqual({ code: 0, signal: null });

    const perProcess: number[] = [];
    let rowsSoFar = 0;
    for (const dir of dirs) {
      await importTables(bed.wh.warehouse.client, await exportWarehouse(dir, database));
      const c = await eventCounts(bed.wh.warehouse.client, tag);
      const now = Object.values(c.raw).reduce((a, b) => a + b, 0);
      perProcess.push(now - rowsSoFar);
      rowsSoFar = now;
    }
    note(`rows stored per process: ${perProcess.join(', ')}`);
    expect(Math.min(...perProcess)).toBeGreaterThan(0);

    const counts = await eventCounts(bed.wh.warehouse.client, tag);
    expect(counts.final).toEqual(stream.distinct);
    expect(counts.distinct).toEqual(stream.distinct);
    expect(await deadLetterCounts(bed.wh.warehouse.client)).toEqual(stream.malformed);
    expect(await kpiFigures(bed.wh.warehouse.client, tag)).toEqual({ refunds: stream.refundIds, refundedRefunds: stream.refundIds, orderCents: stream.orderCents });
  }, 600_000);
});
