import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kafka } from 'kafkajs';
import type { Logger } from '../observability/logger.ts';
import type { HostReminder, ReminderBus } from './reminders.ts';

/** Topic carrying host reminders from ingest processes to every API process. */
export const reminderTopic = (prefix: string) => `${prefix}host-reminders`;

async function ensureTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    if (!existing.includes(topic)) {
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: -1 }], waitForLeaders: true });
    }
  } catch (err) {
    // Another process creating it at the same moment is fine.
    if (!/already exists/i.test(String((err as Error).message))) throw err;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Scale-out: the stream rules run in the ingest processes, the consoles are connected to API
 * processes. Every reminder a process's rules publish on its local bus is produced to the
 * reminder topic, keyed by host so one host's reminders stay in order.
 */
export async function publishRemindersToKafka(bus: ReminderBus, kafka: Kafka, topic: string, log: Logger): Promise<{ stop(): Promise<void> }> {
  await ensureTopic(kafka, topic, 4);
  const producer = kafka.producer();
  await producer.connect();
  const unsubscribe = bus.subscribe(
    (r) => r.origin === undefined,
    (r) => {
      producer
        .send({ topic, acks: 1, messages: [{ key: r.host_id, value: JSON.stringify(r) }] })
        .catch((err: unknown) => log.warn({ err }, 'could not relay a host reminder to Kafka'));
    },
  );
  return {
    async stop() {
      unsubscribe();
      await producer.disconnect();
    },
  };
}

/**
 * Every API process reads the whole reminder topic with a consumer group of its own (so each
 * gets every reminder), from the newest offset (a console wants what happens now), and puts
 * them on its local bus; the bus drops ids it has already seen, so a reminder this process
 * published itself is not shown twice.
 */
export async function relayRemindersFromKafka(bus: ReminderBus, kafka: Kafka, topic: string, log: Logger): Promise<{ stop(): Promise<void> }> {
  await ensureTopic(kafka, topic, 4);
  const consumer = kafka.consumer({ groupId: `radar-api-reminders-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`, maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (!message.value) return;
      try {
        const r = JSON.parse(message.value.toString('utf8')) as HostReminder;
        bus.publish({ ...r, origin: 'kafka' });
      } catch (err) {
        log.warn({ err }, 'unreadable host reminder on the relay topic');
      }
    },
  });
  return { stop: () => consumer.disconnect() };
}
