import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type ApiServer } from '../api/server.ts';
import { TokenStore } from '../auth/tokens.ts';
import { brokerForTests, type TestBroker } from '../test/kafka/test-broker.ts';
import { loadConfig } from '../config/config.ts';
import { startKafkaIngest, type KafkaIngest } from '../ingest/kafka/kafka-ingest.ts';
import { createLogger } from '../observability/logger.ts';
import { createPipeline } from '../runtime/ingest-runtime.ts';
import { attachStreamRules, startReminderRelays } from '../runtime/stream-rules.ts';
import { createRawInsert } from '../warehouse/raw-insert.ts';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import { connectSse, type SseClient } from '../test/helpers/sse-client.ts';
import { transcript } from '../test/helpers/fixtures.ts';
import { ReminderBus, type HostReminder } from './reminders.ts';

// A transcript produced to the real broker → Kafka ingest → stream rule → host console (SSE).
let broker: TestBroker;
let tw: TestWarehouse;
let app: ApiServer;
let url: string;
let ingest: KafkaIngest;
const stops: Array<() => Promise<void>> = [];
const clients: SseClient[] = [];
const tokens: Record<string, string> = {};
const prefix = `rem-${randomUUID().slice(0, 8)}.`;
let config: ReturnType<typeof loadConfig>;

beforeAll(async () => {
  broker = await brokerForTests();
  tw = await openTestWarehouse();
  const log = createLogger('silent');
  config = loadConfig({ KAFKA_BROKERS: broker.brokers, KAFKA_GROUP_ID: `g-${prefix}`, KAFKA_TOPIC_PREFIX: prefix, RADAR_DATA_DIR: tw.dir });
  const pipeline = createPipeline(tw.warehouse, { ingestBatchRows: 1000, ingestBatchMs: 20, dataDir: tw.dir }, log);
  const bus = new ReminderBus();
  const rules = attachStreamRules({ pipeline, insert: createRawInsert(tw.warehouse, `${tw.dir}/tmp`), bus, log });
  stops.push(rules.stop);
  ingest = await startKafkaIngest({ pipeline, config, log, createTopics: { partitions: 2 } });
  const store = new TokenStore(tw.warehouse);
  tokens.H1 = (await store.create({ role: 'host', host_id: 'H1' })).token;
  tokens.H2 = (await store.create({ role: 'host', host_id: 'H2' })).token;
  app = await buildServer({ warehouse: tw.warehouse, pipeline, log, ingestMaxBodyBytes: 1 << 20, bus, tokens: store });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
  // The ingest side also relays its reminders, as `radar ingest` does for separate API processes.
  for (const r of await startReminderRelays(bus, config, log, 'publish')) stops.push(() => r.stop());
}, 180_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await ingest?.stop();
  await app?.close();
  for (const stop of stops) await stop();
  await tw?.close();
  await broker?.stop();
});

async function produce(events: object[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-producer', brokers: [broker.brokers], logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: `${prefix}livestream-transcripts`,
    messages: events.map((e) => ({ key: (e as { live_session_id: string }).live_session_id, value: JSON.stringify(e) })),
  });
  await producer.disconnect();
}

describe('host reminders from Kafka', () => {
  it('a risky segment produced to Kafka reaches the host console of that host only', async () => {
    const h1 = await connectSse(`${url}/v1/host/stream`, tokens.H1!);
    const h2 = await connectSse(`${url}/v1/host/stream`, tokens.H2!);
    clients.push(h1, h2);
    await h1.waitFor((e) => e.event === 'ready');
    await h2.waitFor((e) => e.event === 'ready');

    const now = new Date().toISOString();
    await produce([
      transcript({ event_id: `${prefix}a`, host_id: 'H1', live_session_id: 'L-H1', text: '家人们这个面膜100%有效，绝对正品', occurred_at: now }),
      transcript({ event_id: `${prefix}b`, host_id: 'H2', live_session_id: 'L-H2', text: '今天给大家讲讲面料，纯棉的，第一次买的宝宝放心', occurred_at: now }),
    ]);
    const got = await h1.waitFor((e) => e.event === 'reminder', 15_000);
    expect(got.data).toMatchObject({ kind: 'wording_hit', host_id: 'H1', live_session_id: 'L-H1' });

    // H2 said nothing risky; a later risky line of H2 arrives, and nothing of H1's came before it.
    await produce([transcript({ event_id: `${prefix}c`, host_id: 'H2', live_session_id: 'L-H2', text: '私聊加我VX下单', occurred_at: new Date().toISOString() })]);
    await h2.waitFor((e) => e.event === 'reminder', 15_000);
    const h2Reminders = h2.events.filter((e) => e.event === 'reminder').map((e) => e.data as HostReminder);
    expect(h2Reminders.every((r) => r.host_id === 'H2')).toBe(true);
  });

  it('another API process receives the reminders over the relay topic', async () => {
    const otherBus = new ReminderBus();
    const received: HostReminder[] = [];
    otherBus.subscribe((r) => r.host_id === 'H1', (r) => received.push(r));
    const relays = await startReminderRelays(otherBus, config, createLogger('silent'));
    try {
      // The relay consumer starts at the newest offset: wait until it has joined before producing.
      const h1 = await connectSse(`${url}/v1/host/stream`, tokens.H1!);
      clients.push(h1);
      await h1.waitFor((e) => e.event === 'ready');
      const deadline = Date.now() + 20_000;
      let n = 0;
      while (received.length === 0 && Date.now() < deadline) {
        await produce([transcript({ event_id: `${prefix}relay-${n++}`, host_id: 'H1', text: '全网最低价，错过再等一年', occurred_at: new Date().toISOString() })]);
        await h1.waitFor((e) => e.event === 'reminder' && (e.data as HostReminder).id.startsWith(`${prefix}relay-${n - 1}`), 15_000);
        const until = Date.now() + 1_000;
        while (received.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      }
      expect(received.length).toBeGreaterThan(0);
      expect(received[0]).toMatchObject({ host_id: 'H1', kind: 'wording_hit', origin: 'kafka' });
    } finally {
      for (const r of relays) await r.stop();
    }
  });
});
