import type { Command } from 'commander';
import { backtest } from '../../alerts/backtest.ts';
import { eventJson } from '../../alerts/present.ts';
import { AlertsConfigError, RuleConfig, loadRulesFile } from '../../alerts/rule-config.ts';
import { alertSettingsOf, startAlerting } from '../../alerts/runtime.ts';
import { ConfigStore } from '../../alerts/store/config-store.ts';
import { systemClock, type AlertEvent } from '../../alerts/types.ts';
import { loadConfig } from '../../config/config.ts';
import { serveMetrics, type MetricsServer } from '../../ingest/kafka/metrics-server.ts';
import { commandLogger } from '../../observability/logger.ts';
import { openWarehouse, type Warehouse } from '../../warehouse/client.ts';
import { migrate } from '../../warehouse/migrate.ts';
import { onShutdown } from '../shutdown.ts';

const SHOWN: ReadonlySet<string> = new Set(['firing', 'repeat', 'resolved']);

/** `radar alerts` (the alert engine role), `radar alerts backtest`, `radar alerts rules`. */
export function registerAlerts(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('run the alert engine role: rules on their cron schedules, lifecycle and history in ClickHouse, webhooks')
    .option('--metrics-port <n>', 'Prometheus /metrics port (default RADAR_METRICS_PORT; 0 = off)')
    .addHelpText(
      'after',
      `
In the embedded default \`radar start\` / \`radar api\` already run the engine. In a scale-out
deployment run exactly one \`radar alerts\` and set RADAR_ALERTS_ENGINE=false on the API processes
(they still serve the alert API and SSE stream, tailing alert_events). Rules: RADAR_ALERTS_RULES
(default config/alerts.default.json) plus admin edits through PUT /v1/alerts/rules/:id.`,
    )
    .action(clean(async (opts: { metricsPort?: string }) => {
      const config = loadConfig(process.env, opts.metricsPort !== undefined ? { metricsPort: Number(opts.metricsPort) } : {});
      const log = commandLogger(config);
      const warehouse = await openWarehouse(config, log);
      let metrics: MetricsServer | undefined;
      try {
        await migrate(warehouse.client, log);
        const services = await startAlerting(warehouse, alertSettingsOf(config), log, { engine: true, feed: false });
        if (config.metricsPort > 0) metrics = await serveMetrics(config.host, config.metricsPort, log);
        onShutdown(async (signal) => {
          log.info({ signal }, 'stopping the alert engine');
          await services.stop();
          await metrics?.close();
          await warehouse.close();
        });
      } catch (err) {
        await metrics?.close();
        await warehouse.close();
        throw err;
      }
    }));

  alerts
    .command('backtest')
    .description('evaluate the rules over historical windows, delivering nothing; print what would have fired when')
    .requiredOption('--from <time>', 'start of the range (ISO-8601, or e.g. -7d / -12h relative to now)')
    .option('--to <time>', 'end of the range (default now)', 'now')
    .option('--rule <id...>', 'only these rules (default: every enabled scheduled rule)')
    .option('--step <minutes>', "evaluate every N minutes instead of each rule's schedule (faster over long ranges)")
    .option('--json', 'NDJSON: one line per transition, then one summary line per rule')
    .option('--verbose', 'also print pending and cleared-before-firing transitions')
    .addHelpText('after', '\nReads the warehouse only. Embedded chDB binds its directory to one process: stop `radar start` first, or point CLICKHOUSE_URL at a server.')
    .action(clean(async (opts: { from: string; to: string; rule?: string[]; step?: string; json?: boolean; verbose?: boolean }) => {
      const config = loadConfig();
      const from = parseTime(opts.from, '--from');
      const to = parseTime(opts.to, '--to');
      if (!(to > from)) throw new CliError('--to must be after --from');
      const step = opts.step !== undefined ? Number(opts.step) : undefined;
      if (step !== undefined && !(Number.isInteger(step) && step > 0)) throw new CliError('--step must be a positive number of minutes');
      const warehouse = await openWarehouse(config);
      try {
        await migrate(warehouse.client);
        const effective = await rulesOf(warehouse, config.alertsRulesFile);
        const out = (line: string) => process.stdout.write(`${line}\n`);
        const show = (e: AlertEvent) => {
          if (!opts.verbose && !SHOWN.has(e.transition)) return;
          if (opts.json) out(JSON.stringify({ type: 'transition', ...eventJson(e) }));
          else out(`${new Date(e.at).toISOString()}  ${e.transition.toUpperCase().padEnd(9)} ${e.rule.padEnd(24)} ${labelText(e.subject).padEnd(30)} ${e.evidence.summary}`);
        };
        const summaries = await backtest({
          client: warehouse.client,
          config: effective.config,
          from,
          to,
          ...(opts.rule ? { rules: opts.rule } : {}),
          ...(step ? { stepMinutes: step } : {}),
          onEvent: show,
        });
        for (const s of summaries) {
          if (opts.json) out(JSON.stringify({ type: 'summary', ...s, from: new Date(from).toISOString(), to: new Date(to).toISOString() }));
          else out(`# ${s.rule}: ${s.windows} windows, ${s.firings} firing(s), ${s.openAtEnd} still firing at the end${s.subjects.length ? ` — ${s.subjects.join(', ')}` : ''}`);
        }
      } catch (err) {
        if (err instanceof Error && /^unknown rule/.test(err.message)) throw new CliError(err.message);
        throw err;
      } finally {
        await warehouse.close();
      }
    }));

  alerts
    .command('rules')
    .description('print the rules in force (file defaults + admin edits stored in ClickHouse)')
    .option('--json', 'as JSON')
    .action(clean(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      const warehouse = await openWarehouse(config);
      try {
        await migrate(warehouse.client);
        const eff = await rulesOf(warehouse, config.alertsRulesFile);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ timezone: eff.config.timezone, rules: eff.config.rules, problems: eff.problems }, null, 2)}\n`);
          return;
        }
        for (const r of eff.config.rules) {
          const when = r.kind === 'external' ? 'reported by the stream' : r.schedule;
          process.stdout.write(`${r.enabled ? 'on ' : 'off'}  ${r.id.padEnd(24)} ${(eff.meta.get(r.id)?.source ?? 'default').padEnd(8)} ${when.padEnd(22)} → ${r.audiences.join(',')}  ${JSON.stringify(r.params)}\n`);
        }
        for (const p of eff.problems) process.stderr.write(`warning: ${p}\n`);
      } finally {
        await warehouse.close();
      }
    }));
}

class CliError extends Error {}

/** Usage and configuration mistakes end with one clear line and exit code 2, not a stack trace. */
function clean<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (err) {
      if (err instanceof CliError || err instanceof AlertsConfigError) {
        process.stderr.write(`radar alerts: ${err.message}\n`);
        process.exitCode = 2;
        return;
      }
      throw err;
    }
  };
}

async function rulesOf(warehouse: Warehouse, rulesFile: string | undefined) {
  return new RuleConfig(loadRulesFile(rulesFile), new ConfigStore(warehouse.client), systemClock).effective(true);
}

function parseTime(text: string, flag: string): number {
  if (text === 'now') return Date.now();
  const rel = /^-(\d+)([dhm])$/.exec(text);
  if (rel) return Date.now() - Number(rel[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[rel[2] as 'd' | 'h' | 'm'];
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new CliError(`${flag}: not a time: ${text} (ISO-8601, "now", or -7d / -12h / -30m)`);
  return t;
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}
