import type { Warehouse } from '../warehouse/client.ts';
import { runKpiQuery } from './query.ts';
import { isoOrNull } from './time.ts';

/** The name the refresh job keeps its watermark under in kpi_state. */
export const REFRESH_STATE_NAME = 'refresh';

/**
 * Until when the KPI facts include raw events (the refresh watermark), or null before the
 * first refresh. Answers carry it so a dashboard can show how fresh its numbers are.
 */
export async function dataAsOf(warehouse: Warehouse): Promise<string | null> {
  const [row] = await runKpiQuery<{ watermark: string; has_watermark: string }>(warehouse, 'kpi/refresh/watermark', { name: REFRESH_STATE_NAME });
  return row && Number(row.has_watermark) > 0 ? isoOrNull(row.watermark) : null;
}
