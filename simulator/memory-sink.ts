import type { Topic } from '../contracts/index.ts';
import type { EventSink } from './sink.ts';

/** Keeps every batch in memory, in arrival order: for tests and for measuring the runner alone. */
export class RecordingSink implements EventSink {
  readonly batches: Array<{ topic: Topic; events: object[] }> = [];
  closed = false;

  async send(topic: Topic, events: object[]): Promise<void> {
    if (this.closed) throw new Error('RecordingSink: send after close');
    this.batches.push({ topic, events });
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  get count(): number {
    return this.batches.reduce((n, b) => n + b.events.length, 0);
  }

  events(topic?: Topic): object[] {
    return this.batches.filter((b) => topic === undefined || b.topic === topic).flatMap((b) => b.events);
  }
}

/** Counts and drops: for benchmarks of generation alone. */
export class NullSink implements EventSink {
  count = 0;
  async send(_topic: Topic, events: object[]): Promise<void> {
    this.count += events.length;
  }
  async close(): Promise<void> {}
}
