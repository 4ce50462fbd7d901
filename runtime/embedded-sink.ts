import type { Topic } from '../contracts/index.ts';
import type { IngestPipeline } from '../ingest/pipeline.ts';

/**
 * The simulator's sink in the embedded default: events go straight into this process's ingest
 * pipeline (same validation, batching and dead letters as HTTP and Kafka), no network hop.
 */
export function embeddedSink(pipeline: IngestPipeline) {
  return {
    async send(topic: Topic, events: object[]): Promise<void> {
      await pipeline.ingestValues(topic, events, 'simulator');
    },
    async close(): Promise<void> {
      await pipeline.flush();
    },
  };
}
