import type { Consumer } from 'kafkajs';
import type { Logger } from '../../observability/logger.ts';
import { kafkaConsumerCrashes, kafkaRebalances } from '../../observability/kafka-metrics.ts';

export interface RebuildDelays {
  firstMs: number;
  maxMs: number;
}
const DEFAULT_DELAYS: RebuildDelays = { firstMs: 5_000, maxMs: 60_000 };
const START_ATTEMPTS = 4;
const isRetriable = (err: unknown) => (err as { retriable?: unknown } | null)?.retriable === true;

/**
 * Keeps one kafkajs consumer running. kafkajs restarts a consumer itself after retriable
 * crashes (a broker restart, a lost connection); after any other crash it stays down, and a
 * consumer that silently stops consuming is the worst outcome for ingest — so a new one is
 * built, with growing delays while building keeps failing.
 */
export class ConsumerSupervisor {
  private current: Consumer | undefined;
  private building: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopping = false;

  constructor(
    private readonly create: () => Consumer,
    /** connect, subscribe, run: resolves once the consumer runs. */
    private readonly run: (consumer: Consumer) => Promise<void>,
    private readonly log: Logger,
    private readonly delays: RebuildDelays = DEFAULT_DELAYS,
  ) {}

  /**
   * Starts the first consumer. An error Kafka calls retriable (a fresh topic whose partition
   * leaders are still settling, a coordinator still loading) is retried a few times; anything
   * else, and the last attempt's error, goes to the caller: bad brokers need an operator.
   */
  async start(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.launch();
        return;
      } catch (err) {
        if (!isRetriable(err) || attempt >= START_ATTEMPTS || this.stopping) throw err;
        await this.current?.disconnect().catch(() => undefined);
        const delay = Math.min(this.delays.maxMs, this.delays.firstMs * 2 ** (attempt - 1));
        this.log.warn({ err, attempt, retryInMs: delay }, 'kafka: consumer could not start; retrying');
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  /** Stops fetching, lets batches in progress finish and commit, leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.building?.catch(() => undefined);
    await this.current?.disconnect();
  }

  private async launch(): Promise<void> {
    const consumer = this.create();
    this.watch(consumer);
    this.current = consumer;
    await this.run(consumer);
  }

  private watch(consumer: Consumer): void {
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      kafkaRebalances.inc();
      this.log.info({ groupId: payload.groupId, memberId: payload.memberId, assignment: payload.memberAssignment }, 'kafka: joined consumer group');
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      kafkaConsumerCrashes.inc();
      this.log.error({ err: payload.error, restart: payload.restart }, 'kafka: consumer crashed');
      if (!payload.restart && consumer === this.current) this.scheduleRebuild();
    });
  }

  private scheduleRebuild(): void {
    if (this.stopping) return;
    const delay = Math.min(this.delays.maxMs, this.delays.firstMs * 2 ** this.failures);
    this.log.warn({ delayMs: delay }, 'kafka: building a new consumer');
    this.timer = setTimeout(() => {
      this.building = this.rebuild();
    }, delay);
  }

  private async rebuild(): Promise<void> {
    await this.current?.disconnect().catch(() => undefined);
    if (this.stopping) return;
    try {
      await this.launch();
      this.failures = 0;
    } catch (err) {
      this.failures++;
      this.log.error({ err }, 'kafka: could not build a new consumer');
      this.scheduleRebuild();
    }
  }
}
