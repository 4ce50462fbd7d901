import type { Config } from '../config/config.ts';
import { IngestPipeline } from '../ingest/pipeline.ts';
import type { Logger } from '../observability/logger.ts';
import { join } from 'node:path';
import type { Warehouse } from '../warehouse/client.ts';
import { createRawInsert } from '../warehouse/raw-insert.ts';
import { queryRows } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';

export function createPipeline(
  warehouse: Warehouse,
  config: Pick<Config, 'ingestBatchRows' | 'ingestBatchMs' | 'dataDir'>,
  log?: Logger,
): IngestPipeline {
  return new IngestPipeline(createRawInsert(warehouse, join(config.dataDir, 'tmp')), {
    batchRows: config.ingestBatchRows,
    batchMs: config.ingestBatchMs,
    // chDB serialises statements of its one session, so a second insert in flight only helps
    // the JS thread prepare the next batch; a server can take more.
    maxInFlight: warehouse.mode === 'embedded' ? 2 : 4,
    // Idempotency by event_id alone (ingest/event-ids.ts).
    knownIds: (topic, ids) => queryRows(warehouse.client, loadSql('ingest/event_ids_known'), { topic, ids }),
    log,
  });
}
