import type { ClickHouseClient } from '../../warehouse/client.ts';
import { fromChTime, insertRows, nextVersion, sqlRows } from './ch.ts';

export interface ConfigOverride {
  key: string;
  body: unknown;
  updatedBy: string;
  updatedAt: number;
}

/**
 * alert_config: admin edits on top of config/alerts.default.json. Kept in ClickHouse rather
 * than written back to the file because every API process and the alerts role must see the
 * same rules (a file edit reaches one machine only and is lost with its container), and every
 * edit is kept with who made it and when.
 */
export class ConfigStore {
  constructor(private readonly client: ClickHouseClient) {}

  async overrides(): Promise<ConfigOverride[]> {
    const rows = await sqlRows<{ key: string; body: string; updated_by: string; updated_at: string }>(this.client, 'config_overrides', {});
    return rows
      .filter((r) => r.body !== '')
      .map((r) => ({ key: r.key, body: JSON.parse(r.body) as unknown, updatedBy: r.updated_by, updatedAt: fromChTime(r.updated_at) }));
  }

  async put(key: string, body: unknown, by: string, at: number): Promise<void> {
    await insertRows(this.client, 'alert_config', [
      { key, body: JSON.stringify(body), updated_by: by, updated_at: new Date(at).toISOString(), version: nextVersion() },
    ]);
  }

  async remove(key: string, by: string, at: number): Promise<void> {
    await insertRows(this.client, 'alert_config', [
      { key, body: '', updated_by: by, updated_at: new Date(at).toISOString(), version: nextVersion() },
    ]);
  }
}
