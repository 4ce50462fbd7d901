import { EventEmitter } from 'node:events';
import type { Consumer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../observability/logger.ts';
import { ConsumerSupervisor } from './consumer-supervisor.ts';
import { waitFor } from '../../test/kafka/kafka-test-kit.ts';

// The supervisor's own decisions (when to build a new consumer) on a stand-in for kafkajs's
// Consumer; what a real consumer does on a real broker is covered by the *.int.test.ts files.
class StandIn extends EventEmitter {
  readonly events = { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash' };
  disconnected = false;
  async disconnect(): Promise<void> {
    this.disconnected = true;
  }
  crash(restart: boolean): void {
    this.emit(this.events.CRASH, { payload: { error: new Error('boom'), groupId: 'g', restart } });
  }
}

/** A kafkajs-like error: kafkajs marks each error retriable or not. */
const kafkaError = (message: string, retriable: boolean) => Object.assign(new Error(message), { retriable });

function setup(failRuns = 0, failStarts: Error[] = []) {
  const built: StandIn[] = [];
  let runs = 0;
  const supervisor = new ConsumerSupervisor(
    () => {
      const c = new StandIn();
      built.push(c);
      return c as unknown as Consumer;
    },
    async () => {
      const failStart = failStarts.shift();
      if (failStart) throw failStart;
      if (runs++ > 0 && runs <= failRuns + 1) throw new Error('broker still away');
    },
    createLogger('silent'),
    { firstMs: 10, maxMs: 40 },
  );
  return { supervisor, built };
}

describe('ConsumerSupervisor', () => {
  it('leaves retriable crashes to kafkajs, which restarts the same consumer', async () => {
    const { supervisor, built } = setup();
    await supervisor.start();
    built[0]!.crash(true);
    await new Promise((r) => setTimeout(r, 60));
    expect(built).toHaveLength(1);
    await supervisor.stop();
  });

  it('builds a new consumer after a crash kafkajs will not restart, retrying while building fails', async () => {
    const { supervisor, built } = setup(2);
    await supervisor.start();
    built[0]!.crash(false);
    await waitFor('a consumer that runs again', 5_000, async () => (built.length === 4 ? true : undefined), 5);
    expect(built.slice(0, 3).every((c) => c.disconnected)).toBe(true);
    await supervisor.stop();
    expect(built[3]!.disconnected).toBe(true);
  });

  it('retries a start that failed with a retriable error, and gives up at once on any other', async () => {
    const flaky = setup(0, [kafkaError('This server does not host this topic-partition', true)]);
    await flaky.supervisor.start();
    expect(flaky.built).toHaveLength(2);
    expect(flaky.built[0]!.disconnected).toBe(true);
    await flaky.supervisor.stop();

    const broken = setup(0, [kafkaError('SASL authentication failed', false)]);
    await expect(broken.supervisor.start()).rejects.toThrow('SASL');
    expect(broken.built).toHaveLength(1);

    const never = setup(0, Array.from({ length: 10 }, () => kafkaError('still settling', true)));
    await expect(never.supervisor.start()).rejects.toThrow('still settling');
    expect(never.built).toHaveLength(4);
  });

  it('builds nothing once stopping', async () => {
    const { supervisor, built } = setup();
    await supervisor.start();
    await supervisor.stop();
    built[0]!.crash(false);
    await new Promise((r) => setTimeout(r, 60));
    expect(built).toHaveLength(1);
  });
});
