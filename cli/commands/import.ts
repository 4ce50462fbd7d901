import type { Command } from 'commander';
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { loadConfig } from '../../config/config.ts';
import { isTopic, TOPICS, type Topic } from '../../contracts/index.ts';
import { refreshKpiFacts } from '../../kpi/refresh.ts';
import { takeSnapshot } from '../../kpi/snapshot.ts';
import { commandLogger, type Logger } from '../../observability/logger.ts';
import { startTerminalBar, type TerminalBar } from '../../observability/progress-bar.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { openWarehouse } from '../../warehouse/client.ts';
import { migrate } from '../../warehouse/migrate.ts';
import { ImportError, runImport, type ImportProgress, type ImportSummary } from '../import/run-import.ts';
import { httpTarget, pipelineTarget, type ImportTarget } from '../import/targets.ts';

interface ImportFlags {
  topic?: string;
  url?: string;
  token?: string;
  state?: string;
  rejects?: string;
  restart: boolean;
  batch: string;
  progress: boolean;
  refresh: boolean;
}

const HELP = `
Formats (JSON lines, UTF-8; blank lines are skipped):
  --topic <t>   every line is one event of topic t (what POST /v1/events/<t> takes)
  (no --topic)  every line is {"topic": "<topic>", "event": {…}}; topics may be mixed
  topics: ${TOPICS.join(', ')}

Targets:
  (no --url)    the embedded store of RADAR_DATA_DIR (chDB) — only while no other radar process
                has that directory open; the KPIs are refreshed at the end (--no-refresh: leave
                it to the KPI job)
  --url <base>  a running API (POST /v1/events/<topic>, an admin token: --token or RADAR_TOKEN);
                its KPI job folds the history in on its next runs

Resuming: a checkpoint (<file>.import-state.json unless --state) records the byte offset and
line after the last acknowledged batch; rerun the same command to continue from there. A batch
cut off mid-way is sent again, which is harmless: events are stored once per event_id.
Rejected lines go to <file>.rejects.ndjson (unless --rejects), one {"line", "topic", "reason",
"errors", "raw"} per line; events the contracts refuse also land in the dead-letter table.

Examples:
  radar import shipments.ndjson --topic logistics
  RADAR_TOKEN=radar_… radar import history.ndjson --url http://localhost:8080`;

/** `radar import`: load a history file of events, resumable, with a progress bar. */
export function registerImport(program: Command): void {
  program
    .command('import <file>')
    .description('load a history file of events (JSON lines) into the store or a running API, resumable, reporting what was accepted and rejected')
    .option('--topic <topic>', `every line is an event of this topic (${TOPICS.join(' | ')}); without it, lines are {"topic","event"} envelopes`)
    .option('--url <base>', 'send to a running API instead of the embedded store')
    .option('--token <token>', 'admin bearer token for --url (default RADAR_TOKEN)')
    .option('--state <path>', 'checkpoint file (default <file>.import-state.json)')
    .option('--rejects <path>', 'rejected lines (default <file>.rejects.ndjson)')
    .option('--restart', 'ignore the checkpoint and start from the first line', false)
    .option('--batch <n>', 'lines per batch (at most 5000)', '5000')
    .option('--no-progress', 'no progress bar (log lines instead)')
    .option('--no-refresh', 'embedded store: do not refresh the KPIs at the end')
    .addHelpText('after', HELP)
    .action(async (file: string, flags: ImportFlags, command: Command) => {
      const fail = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'radar.import.invalidOption' });
      const path = resolve(file);
      if (!existsSync(path)) fail(`no such file: ${file}`);
      if (flags.topic !== undefined && !isTopic(flags.topic)) fail(`--topic must be one of ${TOPICS.join(', ')}, got "${flags.topic}"`);
      const batch = Number(flags.batch);
      if (!Number.isInteger(batch) || batch < 1 || batch > 5000) fail(`--batch must be an integer from 1 to 5000, got "${flags.batch}"`);
      const config = loadConfig();
      const log = commandLogger(config);
      let stop = false;
      const onSignal = () => {
        if (stop) process.exit(130);
        stop = true;
        process.stderr.write('\nstopping after the current batch (again to quit at once)…\n');
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);

      let target: ImportTarget;
      let close = async (): Promise<void> => {};
      let afterImport = async (): Promise<string | undefined> => undefined;
      if (flags.url) {
        target = httpTarget(flags.url, flags.token ?? process.env.RADAR_TOKEN);
      } else {
        const warehouse = await openWarehouse(config, log);
        await migrate(warehouse.client, log);
        const pipeline = createPipeline(warehouse, config, log);
        target = pipelineTarget(pipeline, warehouse.location);
        close = async () => {
          await pipeline.flush();
          await warehouse.close();
        };
        if (flags.refresh) {
          afterImport = async () => {
            const r = await refreshKpiFacts(warehouse, log);
            await takeSnapshot(warehouse, new Date(r.to));
            const split = Object.entries(r.chunks).map(([step, n]) => `${step} ×${n}`).join(', ');
            return `KPI refresh: ${r.refunds} refunds, ${r.shipments} shipments in ${r.ms} ms${split ? ` (inserts split by partition: ${split})` : ''}`;
          };
        }
      }
      const progress = createBar(flags.progress, log);
      let summary: ImportSummary;
      const rejectsPath = resolve(flags.rejects ?? `${path}.rejects.ndjson`);
      try {
        summary = await runImport({
          file: path,
          target,
          topic: flags.topic as Topic | undefined,
          statePath: resolve(flags.state ?? `${path}.import-state.json`),
          rejectsPath,
          restart: flags.restart,
          batchLines: batch,
          objectLinesOnly: Boolean(flags.url),
          stopRequested: () => stop,
          onProgress: progress.update,
        });
        progress.stop();
        process.stdout.write(report(summary, target.name, rejectsPath));
        if (summary.status === 'done') {
          const refreshed = await afterImport();
          if (refreshed) process.stdout.write(`${refreshed}\n`);
        }
      } catch (err) {
        progress.stop();
        if (err instanceof ImportError) fail(err.message);
        throw err;
      } finally {
        await close();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      if (summary.status === 'stopped') process.exitCode = 130;
    });
}

function report(s: ImportSummary, target: string, rejectsPath: string): string {
  const lines = [
    s.status === 'already_done'
      ? `import: already complete (${s.accepted} accepted, ${s.rejected} rejected); --restart imports it again`
      : `import into ${target}: ${s.status === 'done' ? 'done' : `stopped before line ${s.line}; rerun to continue`} — ${s.accepted} accepted, ${s.rejected} rejected${s.resumedAt > 1 ? ` (resumed at line ${s.resumedAt})` : ''}`,
  ];
  for (const [topic, n] of Object.entries(s.perTopic)) lines.push(`  ${topic || '(no topic)'}: ${n.accepted} accepted, ${n.rejected} rejected`);
  const reasons = Object.entries(s.reasons).sort((a, b) => b[1] - a[1]).slice(0, 10);
  if (reasons.length > 0) {
    lines.push(`  rejected lines: ${rejectsPath}; most common reasons (this run):`);
    for (const [reason, n] of reasons) lines.push(`    ${n} × ${reason}`);
  }
  return `${lines.join('\n')}\n`;
}

function createBar(wanted: boolean, log: Logger): { update(p: ImportProgress): void; stop(): void } {
  if (wanted && process.stderr.isTTY) {
    let bar: TerminalBar | undefined;
    return {
      update(p) {
        bar ??= startTerminalBar('import {bar} {percentage}% | line {line} | accepted {accepted} | rejected {rejected} | ETA {eta_formatted}', Math.max(1, p.totalBytes), { line: 0, accepted: 0, rejected: 0 });
        bar.update(p.bytes, { line: p.line - 1, accepted: p.accepted, rejected: p.rejected });
      },
      stop: () => bar?.stop(),
    };
  }
  let next = 1;
  return {
    update(p) {
      const tenth = Math.floor((p.bytes / Math.max(1, p.totalBytes)) * 10);
      if (tenth < next) return;
      next = tenth + 1;
      log.info({ percent: tenth * 10, line: p.line - 1, accepted: p.accepted, rejected: p.rejected }, 'import progress');
    },
    stop() {},
  };
}
