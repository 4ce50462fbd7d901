import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backtest } from '../../alerts/backtest.ts';
import { loadRulesFile } from '../../alerts/rule-config.ts';
import type { AlertsConfig } from '../../alerts/rule-schema.ts';
import type { AlertEvent } from '../../alerts/types.ts';
import type { OrderEvent, RefundEvent, Topic, TranscriptEvent } from '../../contracts/index.ts';
import { refreshKpiFacts } from '../../kpi/refresh.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import type { Incident, IncidentKind } from '../../simulator/incidents.ts';
import { createSimulation } from '../../simulator/simulation.ts';
import { openWarehouse } from '../../warehouse/client.ts';
import { migrate } from '../../warehouse/migrate.ts';
import { EFFECTS, magnitudesFor } from './magnitudes.ts';
import { streamReplay } from './stream-replay.ts';

/**
 * One simulated world, end to end, in this process: generate it, ingest its events through
 * the real pipeline into a fresh embedded ClickHouse, replay the scheduled rules over the
 * evaluation window with the backtest (same SQL, same lifecycle as the engine) and the
 * transcripts through the stream rules, and return every firing with the incident manifest.
 * chDB binds one data directory per process, so the bench runs each world in its own child.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** History before a rule's first window: session baselines reach 7 + 14 days back (as test/alerts/simulated.ts). */
export const HISTORY_DAYS = 22;

export interface WorldSpec {
  id: string;
  seed: number;
  size: string;
  scale: number;
  incidents: boolean;
  /** Effect per incident kind, in the rule's unit (magnitudes.ts EFFECTS). */
  effects?: Record<IncidentKind, number>;
  anchorMs: number;
  /** Evaluation window [anchor − days, anchor). */
  days: number;
  /** Evaluate scheduled rules every N minutes instead of on their schedule (faster, coarser delays). */
  stepMinutes?: number;
  rulesFile?: string;
  /**
   * Keep the ingested store under this directory and reuse it on the next run of the same world
   * (same seed, size, incidents, effects, anchor, days): a rule change then costs a backtest, not
   * a re-ingest. The world's events depend on nothing else (the simulator is deterministic).
   */
  cacheDir?: string;
}

/** The store of `spec` in the cache: named by what its events depend on. */
function cachedStore(spec: WorldSpec, cacheDir: string): string {
  const key = JSON.stringify([spec.seed, spec.scale, spec.incidents, spec.effects ?? null, spec.anchorMs, spec.days, HISTORY_DAYS]);
  return join(cacheDir, `${spec.id}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`);
}

export interface FiredAlert {
  rule: string;
  subject: Record<string, string>;
  labels: Record<string, string>;
  at: number;
}

export interface PlantedIncident extends Incident {
  effect: number;
  effectUnit: string;
  documentedEffect: number;
}

export interface WorldResult {
  spec: WorldSpec;
  incidents: PlantedIncident[];
  alerts: FiredAlert[];
  /** Evaluated span per rule (ms): a rule with an incident that started earlier is evaluated from its start. */
  evaluatedMs: Record<string, number>;
  events: { stored: number; transcripts: number };
  seconds: { generateAndIngest: number; backtest: number; total: number };
  windows: Record<string, number>;
}

export async function runWorld(spec: WorldSpec, progress: (msg: string) => void = () => undefined): Promise<WorldResult> {
  const t0 = performance.now();
  const config: AlertsConfig = loadRulesFile(spec.rulesFile);
  const base = { seed: spec.seed, scale: spec.scale, anchorMs: spec.anchorMs, incidents: spec.incidents };
  const plain = createSimulation(base);
  const magnitudes = spec.incidents && spec.effects ? magnitudesFor(plain.world, plain.incidents, spec.effects) : undefined;
  const sim = magnitudes ? createSimulation({ ...base, incidentMagnitude: magnitudes }) : plain;

  const evalTo = spec.anchorMs;
  const evalFrom = evalTo - spec.days * DAY;
  // A rule whose incident started before the window is evaluated from the incident's start, so
  // its detection delay is measured from when it began (not from when the bench started looking).
  const ruleFrom = new Map<string, number>();
  for (const r of config.rules) ruleFrom.set(r.id, evalFrom);
  for (const inc of sim.incidents) {
    const rule = inc.expectedAlert.rule;
    ruleFrom.set(rule, Math.min(ruleFrom.get(rule) ?? evalFrom, Math.floor(inc.startMs / HOUR) * HOUR));
  }
  const streamFrom = Math.min(ruleFrom.get('risky_host_wording') ?? evalFrom, ruleFrom.get('viewer_question_spike') ?? evalFrom) - HOUR;
  const historyFrom = Math.min(...ruleFrom.values()) - HISTORY_DAYS * DAY;

  const dir = spec.cacheDir ? cachedStore(spec, spec.cacheDir) : mkdtempSync(join(tmpdir(), `radar-bench-alerts-${spec.id}-`));
  const complete = join(dir, '.ingested');
  // A cached store without the marker was interrupted mid-ingest: start it again.
  const reuse = spec.cacheDir !== undefined && existsSync(complete);
  if (spec.cacheDir && !reuse) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  if (reuse) progress(`reusing the ingested store ${dir}`);
  const warehouse = await openWarehouse({ dataDir: dir, clickhouseUrl: undefined, clickhouseUser: 'default', clickhousePassword: '', clickhouseDatabase: 'radar_bench' });
  try {
    await migrate(warehouse.client);
    const pipeline = createPipeline(warehouse, { ingestBatchRows: 50_000, ingestBatchMs: 200, dataDir: dir });
    const alerts: FiredAlert[] = [];
    const keep = (e: AlertEvent) => {
      if (e.transition === 'firing') alerts.push({ rule: e.rule, subject: e.subject, labels: e.labels, at: e.at });
    };
    const stream = streamReplay(config, keep);

    // The merchant incident's effect: refunds of the silent shop requested during the silence,
    // early enough to be overdue (> 48 h) before the window ends.
    const silence = sim.incidents.find((i) => i.kind === 'merchant_sla_breach');
    const silentRequests = new Set<string>();

    // One pass over the world, in emission order: batches go to the pipeline (one in flight
    // while the next is generated, as the simulator's backfill does); transcripts of the
    // stream window go through the stream rules instead of the store (no scheduled rule reads them).
    const batches = new Map<Topic, object[]>();
    let inflight: Promise<unknown> = Promise.resolve();
    let stored = 0;
    let transcripts = 0;
    const send = async (topic: Topic) => {
      const events = batches.get(topic);
      if (!events || events.length === 0) return;
      batches.set(topic, []);
      if (reuse) {
        stored += events.length;
        return;
      }
      await inflight;
      inflight = pipeline.ingestValues(topic, events, 'simulator');
      stored += events.length;
    };
    let lastDay = 0;
    for (const record of sim.events(historyFrom, evalTo)) {
      if (record.topic === 'livestream-transcripts') {
        if (record.at < streamFrom) continue;
        transcripts++;
        stream.transcript(record.event as TranscriptEvent, record.at);
        continue;
      }
      if (record.topic === 'orders') stream.order(record.event as OrderEvent);
      if (silence && record.topic === 'refunds') {
        const r = record.event as RefundEvent;
        const t = Date.parse(r.occurred_at);
        if (r.status === 'requested' && r.shop_id === silence.subject.shop_id && t >= silence.startMs && t < Math.min(silence.endMs, evalTo - 49 * HOUR)) silentRequests.add(r.refund_id);
      }
      const list = batches.get(record.topic) ?? [];
      list.push(record.event);
      batches.set(record.topic, list);
      if (list.length >= 20_000) await send(record.topic);
      const day = Math.floor((record.at - historyFrom) / DAY);
      if (day !== lastDay) {
        lastDay = day;
        progress(`day ${day}/${Math.round((evalTo - historyFrom) / DAY)}, ${stored} stored`);
      }
    }
    for (const topic of [...batches.keys()]) await send(topic);
    await inflight;
    await pipeline.flush();
    // The KPI job runs beside the engine in every deployment, and rules that count what their
    // drilldown's KPI counts (regional delay, merchant SLA, stage bottleneck) read its facts:
    // build them once here, from the whole world (they judge "as of" each evaluation).
    if (!reuse) {
      progress('KPI refresh');
      await refreshKpiFacts(warehouse);
    }
    if (spec.cacheDir && !reuse) writeFileSync(complete, new Date().toISOString());
    stream.finish(evalTo);
    const t1 = performance.now();

    const windows: Record<string, number> = {};
    const evaluatedMs: Record<string, number> = {};
    for (const rule of config.rules) {
      const from = ruleFrom.get(rule.id) ?? evalFrom;
      evaluatedMs[rule.id] = evalTo - from;
      if (rule.kind === 'external' || !rule.enabled) continue;
      progress(`backtest ${rule.id}`);
      const [summary] = await backtest({
        client: warehouse.client, config, from, to: evalTo, rules: [rule.id], onEvent: keep,
        ...(spec.stepMinutes ? { stepMinutes: spec.stepMinutes } : {}),
      });
      windows[rule.id] = summary?.windows ?? 0;
    }
    const t2 = performance.now();

    const incidents = sim.incidents.map((inc): PlantedIncident => {
      const e = EFFECTS[inc.kind];
      const effect = inc.kind === 'merchant_sla_breach' ? silentRequests.size : (spec.effects?.[inc.kind] ?? Number.NaN);
      return { ...inc, effect, effectUnit: e.unit, documentedEffect: e.documented };
    });
    return {
      spec, incidents, alerts, evaluatedMs, windows,
      events: { stored, transcripts },
      seconds: { generateAndIngest: (t1 - t0) / 1000, backtest: (t2 - t1) / 1000, total: (performance.now() - t0) / 1000 },
    };
  } finally {
    await warehouse.close();
    if (!spec.cacheDir) rmSync(dir, { recursive: true, force: true });
  }
}
