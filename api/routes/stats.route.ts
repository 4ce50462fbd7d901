import type { FastifyInstance } from 'fastify';
import { queryRows, type Warehouse } from '../../warehouse/client.ts';
import { loadSql } from '../../warehouse/sql-files.ts';

/** Distinct events stored per table — a quick check that ingest is flowing. */
export async function statsRoutes(app: FastifyInstance, opts: { warehouse: Warehouse }): Promise<void> {
  app.get('/v1/stats/events', { schema: { summary: 'Distinct events stored per raw table, and dead letters', tags: ['ops'] } }, async () => {
    const rows = await queryRows<{ table: string; rows: string }>(opts.warehouse.client, loadSql('stats/events_stored'));
    return { tables: rows.map((r) => ({ table: r.table, rows: Number(r.rows) })) };
  });
}
