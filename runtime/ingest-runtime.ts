import type { Config } from '../config/config.ts';
import { IngestPipeline } from '../ingest/pipeline.ts';
import type { Logger } from '../observability/logger.ts';
import type { Warehouse } from '../warehouse/client.ts';

export function createPipeline(warehouse: Warehouse, config: Pick<Config, 'ingestBatchRows' | 'ingestBatchMs'>, log?: Logger): IngestPipeline {
  return new IngestPipeline(warehouse.client, {
    batchRows: config.ingestBatchRows,
    batchMs: config.ingestBatchMs,
    // chDB serialises statements of its one session, so a second insert in flight only helps
    // the JS thread prepare the next batch; a server can take more.
    maxInFlight: warehouse.mode === 'embedded' ? 2 : 4,
    log,
  });
}
