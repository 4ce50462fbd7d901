import type { ClickHouseClient } from '../../warehouse/client.ts';
import type { Matcher, Silence } from '../types.ts';
import { chTime, fromChTime, insertRows, nextVersion, sqlRows } from './ch.ts';

interface Row {
  id: string;
  matchers: string;
  starts_at: string;
  ends_at: string;
  created_by: string;
  comment: string;
  created_at: string;
  updated_at: string;
}

function fromRow(r: Row): Silence {
  return {
    id: r.id,
    matchers: JSON.parse(r.matchers) as Matcher[],
    startsAt: fromChTime(r.starts_at),
    endsAt: fromChTime(r.ends_at),
    createdBy: r.created_by,
    comment: r.comment,
    createdAt: fromChTime(r.created_at),
    updatedAt: fromChTime(r.updated_at),
  };
}

/** alert_silences: every change is a new row (latest version wins); delete writes deleted = 1. */
export class SilenceStore {
  constructor(private readonly client: ClickHouseClient) {}

  async list(options: { activeAt?: number; limit?: number } = {}): Promise<Silence[]> {
    const rows = await sqlRows<Row>(this.client, 'list_silences', {
      id: '',
      active_at: chTime(options.activeAt ?? 0),
      limit: options.limit ?? 1000,
    });
    return rows.map(fromRow);
  }

  async get(id: string): Promise<Silence | undefined> {
    const [row] = await sqlRows<Row>(this.client, 'list_silences', { id, active_at: chTime(0), limit: 1 });
    return row ? fromRow(row) : undefined;
  }

  async put(s: Silence): Promise<void> {
    await insertRows(this.client, 'alert_silences', [row(s, 0)]);
  }

  async remove(s: Silence, at: number): Promise<void> {
    await insertRows(this.client, 'alert_silences', [row({ ...s, updatedAt: at }, 1)]);
  }
}

function row(s: Silence, deleted: 0 | 1): object {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: s.id,
    matchers: JSON.stringify(s.matchers),
    starts_at: iso(s.startsAt),
    ends_at: iso(s.endsAt),
    created_by: s.createdBy,
    comment: s.comment,
    created_at: iso(s.createdAt),
    updated_at: iso(s.updatedAt),
    deleted,
    version: nextVersion(),
  };
}
