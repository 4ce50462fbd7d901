import type { ClickHouseClient } from '../../warehouse/client.ts';
import { insertRows, nextVersion, sqlRows } from './ch.ts';

export interface DeliveryRecord {
  idempotencyKey: string;
  eventId: string;
  fingerprint: string;
  channel: string;
  transition: string;
  status: 'delivered' | 'failed' | 'silenced';
  attempts: number;
  httpStatus: number;
  error: string;
  at: number;
}

/** alert_deliveries: which idempotency keys are done, so nothing is sent twice across restarts. */
export class DeliveryStore {
  constructor(private readonly client: ClickHouseClient) {}

  async done(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await sqlRows<{ idempotency_key: string }>(this.client, 'delivered_keys', { keys });
    return new Set(rows.map((r) => r.idempotency_key));
  }

  async record(d: DeliveryRecord): Promise<void> {
    await insertRows(this.client, 'alert_deliveries', [
      {
        idempotency_key: d.idempotencyKey,
        event_id: d.eventId,
        fingerprint: d.fingerprint,
        channel: d.channel,
        transition: d.transition,
        status: d.status,
        attempts: d.attempts,
        http_status: d.httpStatus,
        error: d.error.slice(0, 2000),
        at: new Date(d.at).toISOString(),
        version: nextVersion(),
      },
    ]);
  }
}
