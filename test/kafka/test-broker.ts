import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startBroker, waitForBroker, type BrokerHandle } from '../../broker/kafka-broker.ts';
import { stderrLogger } from '../../broker/kafka-jars.ts';

export interface TestBroker {
  /** bootstrap list for kafkajs (`brokers.split(',')`); updated by restart(). */
  brokers: string;
  /** True when KAFKA_BROKERS points at a cluster this helper does not own. */
  external: boolean;
  /** The local broker's data directory (absent for an external cluster). */
  dataDir?: string;
  /** Stops a local broker and deletes its directory; a no-op for an external cluster. */
  stop(): Promise<void>;
  /**
   * Stops and starts the local broker on the same data directory, resolving to its address —
   * the same port whenever it is still free. Absent for an external cluster.
   */
  restart?: () => Promise<string>;
}

export interface BrokerForTestsOptions {
  /** Start a local broker even when KAFKA_BROKERS is set (for tests that must restart it). */
  local?: boolean;
  heapMb?: number;
}

/**
 * A Kafka broker for a test file: the cluster in KAFKA_BROKERS if set, else a fresh local broker
 * in a temp dir. Throws when neither works — a test that needs Kafka must fail, never skip,
 * or CI would go green without having tested anything.
 */
export async function brokerForTests(opts: BrokerForTestsOptions = {}): Promise<TestBroker> {
  const external = process.env.KAFKA_BROKERS?.trim();
  if (external && !opts.local) {
    try {
      await waitForBroker(external, 20_000);
    } catch (e) {
      throw new Error(`KAFKA_BROKERS=${external} is set but unreachable: ${(e as Error).message}`);
    }
    return { brokers: external, external: true, stop: async () => undefined };
  }

  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'radar-kafka-'));
  const start = () => startBroker({ dataDir, log: stderrLogger, ...(opts.heapMb ? { heapMb: opts.heapMb } : {}) });
  let current: BrokerHandle;
  try {
    current = await start();
  } catch (e) {
    await fsp.rm(dataDir, { recursive: true, force: true });
    throw e;
  }

  // The broker runs detached, so a worker that dies without afterAll would leak a JVM; 'exit'
  // handlers may only do synchronous work, which kill and rmSync are.
  const onExit = () => {
    try {
      process.kill(current.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  const broker: TestBroker = {
    brokers: current.brokers,
    external: false,
    dataDir,
    async stop() {
      await current.stop();
      process.off('exit', onExit);
      await fsp.rm(dataDir, { recursive: true, force: true });
    },
    async restart() {
      await current.stop();
      current = await start();
      broker.brokers = current.brokers;
      return current.brokers;
    },
  };
  return broker;
}
