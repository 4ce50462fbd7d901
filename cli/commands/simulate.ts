import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { commandLogger } from '../../observability/logger.ts';
import { HttpSinkError, createHttpSink } from '../../simulator/http-sink.ts';
import { runSimulation } from '../../simulator/run.ts';
import { createSimulation } from '../../simulator/simulation.ts';
import type { EventSink } from '../../simulator/sink.ts';

interface SimulateOptions {
  target: string;
  url: string;
  token?: string;
  brokers?: string;
  topicPrefix?: string;
  days: string;
  rate: string;
  count?: string;
  seed: string;
  scale: string;
  incidents: boolean;
  progress: boolean;
  timeWarp: boolean;
}

const EXAMPLES = `
What it sends:
  orders, refunds (every lifecycle step), livestream-transcripts (host speech and viewer
  comments) and logistics (carrier scans) of ~8 shops, ~20 hosts and ~300 SKUs — about 50k
  events per simulated day at --scale 1. The same --seed always produces the same events with
  the same event_ids, so re-running a backfill is harmless (ingest dedupes by event_id).

Phases:
  1. backfill: --days of history ending now, sent as fast as the target accepts;
  2. live, in real time: the world goes on at the wall clock's speed, plus extra live rooms of
     its hosts for about --rate events/s — --rate sets how many rooms are live (then how many
     viewers they have), never how fast one session talks, so live sessions look exactly like
     backfilled ones to every rule. Until --count events in total or Ctrl-C; --rate 0 stops
     after the backfill. A world of 20 hosts gives ~2 events/s at its usual audience; more
     raises the audience (at most ×50, ~37 events/s), --scale adds hosts.
     --time-warp instead sends exactly --rate events/s of the world's stream, simulated time
     compressed to keep up: a load generator, not a realistic live room.

Incidents (unless --no-incidents), placed relative to now and logged at start:
  a SKU whose quality returns spike; a host making absolute/medical claims in yesterday's
  session; deliveries to 四川省 late for the last day; a shop not answering refunds for 5 days;
  a session 4+ days ago whose refunds spike; viewers flooding fabric questions 2+ days ago.

Examples:
  radar simulate --days 14 --rate 2                    # history, then live into the local API
  radar simulate --target kafka --rate 20000 --time-warp   # load: 20k events/s
  radar simulate --days 1 --rate 0 --no-incidents      # one quiet day, then exit
  radar simulate --target kafka --brokers 127.0.0.1:9092 --days 14 --count 1000000
                                                       # topics must exist: radar kafka init
  RADAR_TOKEN=… radar simulate --url https://radar.example.com --rate 200`;

/** `radar simulate`: deterministic live-commerce traffic into the HTTP ingest API or Kafka. */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('send realistic, deterministic live-commerce traffic (orders, refunds, transcripts, carrier scans) to the ingest API or Kafka')
    .option('--target <target>', 'where events go: http | kafka', 'http')
    .option('--url <base>', 'ingest API base URL (target http)', 'http://localhost:8080')
    .option('--token <token>', 'bearer token for the ingest API (default RADAR_TOKEN)')
    .option('--brokers <list>', 'comma-separated Kafka brokers (target kafka; default KAFKA_BROKERS)')
    .option('--topic-prefix <prefix>', 'Kafka topic name prefix (default KAFKA_TOPIC_PREFIX or none)')
    .option('--days <n>', 'days of history to backfill before going live', '0')
    .option('--rate <n>', 'live events per second: rooms (and viewers) live at once (0 = exit after the backfill)', '2')
    .option('--time-warp', 'live: exactly --rate events/s, simulated time compressed (load generator)', false)
    .option('--count <n>', 'stop after this many events in total, backfill included')
    .option('--seed <n>', 'random seed: same seed, same events', '42')
    .option('--scale <x>', 'world size multiplier (shops, hosts, SKUs and so all volumes)', '1')
    .option('--no-incidents', 'a quiet world: no injected incidents, so no alert should fire')
    .option('--no-progress', 'no progress bar (log lines instead)')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(radar simulate --help shows every option)')
    .action(async (opts: SimulateOptions, command: Command) => {
      const fail = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'radar.simulate.invalidOption' });
      const number = (flag: string, raw: string, ok: (n: number) => boolean, what: string): number => {
        const n = raw.trim() === '' ? Number.NaN : Number(raw);
        if (!Number.isFinite(n) || !ok(n)) fail(`${flag} must be ${what}, got "${raw}"`);
        return n;
      };
      if (opts.target !== 'http' && opts.target !== 'kafka') fail(`--target must be http or kafka, got "${opts.target}"`);
      const days = number('--days', opts.days, (n) => n >= 0 && n <= 365, 'a number of days from 0 to 365');
      const rate = number('--rate', opts.rate, (n) => n >= 0 && n <= 1_000_000, 'events per second from 0 to 1000000');
      const seed = number('--seed', opts.seed, Number.isSafeInteger, 'an integer');
      const scale = number('--scale', opts.scale, (n) => n > 0 && n <= 100, 'a multiplier above 0 and at most 100');
      const count = opts.count === undefined ? undefined : number('--count', opts.count, (n) => Number.isSafeInteger(n) && n > 0, 'a positive integer');
      if (rate === 0 && days === 0) fail('nothing to do: --days 0 and --rate 0');

      let sink: EventSink;
      let destination: string;
      if (opts.target === 'http') {
        if (!/^https?:\/\/[^/]+/.test(opts.url)) fail(`--url must be an http(s) URL, got "${opts.url}"`);
        sink = createHttpSink({ baseUrl: opts.url, token: opts.token ?? process.env.RADAR_TOKEN });
        destination = opts.url;
      } else {
        const brokers = (opts.brokers ?? process.env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
        if (brokers.length === 0) fail('--target kafka needs --brokers <list> or KAFKA_BROKERS');
        // Loaded only for this target: kafkajs is not needed to post to the API.
        const { createKafkaSink } = await import('../../simulator/kafka-sink.ts');
        sink = createKafkaSink({ brokers, topicPrefix: opts.topicPrefix ?? process.env.KAFKA_TOPIC_PREFIX ?? '' });
        destination = brokers.join(',');
      }

      const log = commandLogger(loadConfig(process.env), 'simulate');
      const anchorMs = Date.now();
      const simulation = createSimulation({ seed, scale, incidents: opts.incidents, anchorMs });
      log.info({ target: opts.target, destination, seed, scale, days, rate, count }, 'simulate');
      for (const incident of simulation.incidents) {
        log.info({ kind: incident.kind, subject: incident.subject, start: incident.start, end: incident.end, alert: incident.expectedAlert.rule }, 'incident scheduled');
      }

      // First Ctrl-C stops gracefully (flushes what was generated); a second one exits at once.
      const controller = new AbortController();
      let interrupted = false;
      const onSignal = (signal: NodeJS.Signals) => {
        if (interrupted) process.exit(130);
        interrupted = true;
        log.info({ signal }, 'stopping');
        controller.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        const result = await runSimulation({ simulation, sink, days, rate, timeWarp: opts.timeWarp, count, signal: controller.signal, progress: opts.progress, log, now: Date.now });
        process.stdout.write(`${JSON.stringify({ total: result.total, backfilled: result.backfilled, live: result.live, perTopic: result.perTopic, stoppedBy: result.stoppedBy })}\n`);
      } catch (err) {
        // The destination refused or went away: say what it said, without a stack trace.
        if (!(err instanceof HttpSinkError) && !(err instanceof Error && err.name.startsWith('Kafka'))) throw err;
        process.stderr.write(`radar simulate: ${err.message}\n`);
        process.exitCode = 1;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await sink.close();
      }
    });
}
