import { describe, expect, it } from 'vitest';
import { listSqlFiles, loadSql } from '../warehouse/sql-files.ts';

/**
 * DESIGN §4: every KPI is filterable by time range, shop, category, host, live session and SKU,
 * through bound parameters. This guards the SQL files themselves: each KPI read carries the
 * whole filter block, and none splices anything (no ${…} or string concatenation of inputs).
 */
const SNAPSHOT_READS = new Set(['overview_meta.sql', 'trend_snapshots.sql']); // per platform / category by design
// Which stored partition may answer (kpi/return-window.ts): a state lookup, no KPI.
const STATE_READS = new Set(['return_window_state.sql']);
// The window is the stored partition's (chosen by its gen), not a time parameter.
const STORED_WINDOW = new Set(['return_rates_window.sql']);
const kpiReads = listSqlFiles('kpi').filter((f) => !SNAPSHOT_READS.has(f) && !STATE_READS.has(f));

describe('KPI SQL files', () => {
  it.each(kpiReads)('%s takes every filter as a bound parameter', (file) => {
    const sql = loadSql(`kpi/${file.replace(/\.sql$/, '')}`);
    for (const p of [
      '{shop_id:Nullable(String)}',
      '{categories:Array(String)}',
      '{host_id:Nullable(String)}',
      '{live_session_id:Nullable(String)}',
      '{sku_id:Nullable(String)}',
    ]) {
      expect(sql, `${file} lacks ${p}`).toContain(p);
    }
    if (STORED_WINDOW.has(file)) expect(sql).toContain('{gen:UInt64}');
    else expect(sql).toMatch(/\{(from|now):DateTime(64\(3, 'UTC'\)|\('UTC'\))\}/);
    expect(sql).not.toContain('${');
  });
});
