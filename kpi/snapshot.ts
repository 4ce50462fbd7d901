import type { Warehouse } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { LOGISTICS_DEFAULTS } from './logistics.ts';
import { rolling7Days } from './cohort-plan.ts';
import { DAY_MS, toChTime } from './time.ts';

/**
 * Records the KPIs as they are at `at` (trailing 24 h; return rates over the rolling 7 days of
 * order dates) for the platform and per category, in kpi_snapshots. Snapshots are what the
 * backlog figures' history and "previous" values come from; the other KPIs can also be
 * recomputed for any window from the facts.
 */
export async function takeSnapshot(warehouse: Warehouse, at: Date): Promise<void> {
  const takenAt = toChTime(at).slice(0, 19);
  const from = toChTime(new Date(at.getTime() - DAY_MS));
  const to = toChTime(at);
  const cohort = rolling7Days(at);
  const params = {
    taken_at: takenAt,
    from,
    to,
    cohort_from: toChTime(cohort.from).slice(0, 19),
    cohort_to: toChTime(cohort.to).slice(0, 19),
    stall_s: LOGISTICS_DEFAULTS.stallSeconds,
    pickup_s: LOGISTICS_DEFAULTS.pickupSeconds,
    backlog_days: LOGISTICS_DEFAULTS.backlogDays,
  };
  await Promise.all(
    ['refunds', 'returns', 'logistics'].map((name) =>
      warehouse.client.command({ query: loadSql(`kpi/snapshot/${name}`), query_params: params }),
    ),
  );
}
