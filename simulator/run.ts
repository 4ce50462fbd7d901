import { TOPICS, type Topic } from '../contracts/index.ts';
import type { SimRecord } from './emitter.ts';
import { LiveClock } from './live-clock.ts';
import { createProgress } from './progress.ts';
import type { RunLog } from './run-log.ts';
import type { Simulation } from './simulation.ts';
import type { EventSink } from './sink.ts';
import { DAY } from './time.ts';

/**
 * Runs a simulation into a sink: first `days` of history ending now, as fast as the sink
 * accepts (one batch in flight while the next is generated), then live traffic, until `count`
 * events in total (backfill included) or the signal aborts.
 *
 * Live traffic, by default, runs at the wall clock's own speed: the world goes on as in the
 * backfill, plus enough extra live rooms (live-rooms.ts) for about `rate` events/s — so a live
 * session talks, sells and is asked questions exactly as a backfilled one; `rate` sets how many
 * rooms and viewers are live, never how fast one session talks. Each event goes out when the wall
 * clock reaches its time.
 *
 * `timeWarp` is the load generator: exactly `rate` events/s from the world's stream, simulated
 * time running as fast as that needs (LiveClock maps it onto the wall clock). Sessions then talk
 * many times faster than real ones; use it for throughput, not to watch alerts. That loop
 * schedules by elapsed time — event n is due at start + n/rate — so a slow send or a late timer
 * is caught up, never accumulated as drift.
 */

export type { RunLog };

export interface RunOptions {
  simulation: Simulation;
  sink: EventSink;
  /** Days of history to backfill before going live (0 = none). */
  days: number;
  /** Live events per second (0 = stop after the backfill). */
  rate: number;
  /** Live traffic at exactly `rate` events/s with simulated time compressed (a load generator). */
  timeWarp?: boolean;
  /** Stop after this many events in total, backfill included. */
  count?: number;
  now?: () => number;
  signal?: AbortSignal;
  /** A progress bar on stderr (when it is a terminal; otherwise a log line every ~10%). */
  progress?: boolean;
  log: RunLog;
  /** Events per sink.send (default 5,000). */
  batchSize?: number;
  /** Hears when sends start failing (retrying) and recover (running); for /healthz. */
  onState?: (state: 'running' | 'retrying', reason?: string) => void;
  /** First retry delay after a failed send (doubling to 30 s; tests shorten it). */
  retryMs?: number;
}

export interface RunResult {
  total: number;
  backfilled: number;
  live: number;
  perTopic: Record<Topic, number>;
  /** Events in batches the destination refused (logged and skipped, never resent). */
  refused: number;
  stoppedBy: 'count' | 'signal' | 'backfill-only';
  startMs: number;
  durationMs: number;
}

/** Live sends are grouped per tick; at 50 events/s that is a handful of events per request. */
const MIN_TICK_MS = 100;

export async function runSimulation(options: RunOptions): Promise<RunResult> {
  const { simulation, sink, log, signal } = options;
  const now = options.now ?? Date.now;
  const batchSize = Math.max(1, options.batchSize ?? 5000);
  const limit = options.count ?? Infinity;
  if (!(options.days >= 0) || !(options.rate >= 0) || !(limit >= 0)) throw new RangeError('days, rate and count must be ≥ 0');
  const startMs = Math.floor(now());
  const fromMs = startMs - Math.round(options.days * DAY);
  const perTopic = Object.fromEntries(TOPICS.map((t) => [t, 0])) as Record<Topic, number>;
  let total = 0;
  if (Math.abs(simulation.anchorMs - startMs) > DAY) {
    log.warn({ anchor: new Date(simulation.anchorMs).toISOString() }, 'simulation anchor is more than a day from now: incidents will not line up with the backfill');
  }

  // One send in flight while the next batch is generated; a failed send surfaces at the next await.
  let inflight: Promise<void> = Promise.resolve();
  let refused = 0;
  const deliver = resilientSend(sink, log, signal, options.retryMs ?? 1000, options.onState, (n) => (refused += n));
  const dispatch = async (topic: Topic, events: object[]) => {
    await inflight;
    inflight = deliver(topic, events);
    perTopic[topic] += events.length;
  };

  const iterator = simulation.events(fromMs);
  let next = iterator.next();
  // Only the time-warp mode maps simulated time onto the wall clock.
  const clock = options.timeWarp ? new LiveClock(startMs) : undefined;

  // Backfill.
  let backfilled = 0;
  if (startMs > fromMs && limit > 0) {
    log.info({ from: new Date(fromMs).toISOString(), to: new Date(startMs).toISOString(), days: options.days }, 'backfill started');
    const progress = createProgress(options.progress === true, log, startMs - fromMs);
    const batches = new Map<Topic, object[]>(TOPICS.map((t) => [t, []]));
    // The bar holds stderr while drawn: it is given back however the backfill ends.
    let covered = false;
    try {
      while (!next.done && next.value.at < startMs && total < limit && !signal?.aborted) {
        const record: SimRecord = next.value;
        clock?.observeBackfill(record);
        const batch = batches.get(record.topic) as object[];
        batch.push(record.event);
        total++;
        if (batch.length >= batchSize) {
          // Every topic's batch goes out together (orders first), so what arrives downstream stays
          // in time order across topics: a host's line about a SKU's refund policy is never judged
          // before the orders of that hour that say what the policy is.
          for (const topic of TOPICS) {
            const pending = batches.get(topic) as object[];
            if (pending.length === 0) continue;
            batches.set(topic, []);
            await dispatch(topic, pending);
          }
        }
        if (total % 2000 === 0) {
          progress.update(record.at - fromMs, total);
          // Let timers and signal handlers run even when the sink answers synchronously.
          if (total % 20_000 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
        next = iterator.next();
      }
      for (const [topic, batch] of batches) if (batch.length > 0) await dispatch(topic, batch);
      await inflight;
      covered = next.done === true || next.value.at >= startMs;
    } finally {
      progress.finish(total, covered);
    }
    backfilled = total;
    log.info({ events: backfilled, perTopic }, 'backfill done');
  }

  // Live.
  let live = 0;
  let stoppedBy: RunResult['stoppedBy'] = total >= limit ? 'count' : signal?.aborted ? 'signal' : 'backfill-only';
  if (options.rate > 0 && total < limit && !signal?.aborted) {
    const liveStart = now();
    let lastReport = liveStart;
    const report = (wallNow: number) => {
      if (wallNow - lastReport < 60_000) return;
      log.info({ live, total, perTopic }, 'live traffic');
      lastReport = wallNow;
    };
    const send = async (groups: Map<Topic, object[]>, n: number) => {
      for (const [topic, events] of groups) {
        for (let i = 0; i < events.length; i += batchSize) await dispatch(topic, events.slice(i, i + batchSize));
      }
      await inflight;
      live += n;
      total += n;
    };
    if (clock) {
      log.info({ rate: options.rate, mode: 'time-warp' }, 'live traffic started');
      while (!signal?.aborted && total < limit) {
        const wallNow = now();
        const due = Math.min(Math.floor(((wallNow - liveStart) * options.rate) / 1000) - live, limit - total);
        if (due > 0) {
          const groups = new Map<Topic, object[]>();
          let n = 0;
          for (; n < due && !next.done; n++) {
            const record = next.value;
            const group = groups.get(record.topic) ?? [];
            group.push(clock.retime(record, wallNow));
            groups.set(record.topic, group);
            next = iterator.next();
          }
          await send(groups, n);
        }
        report(wallNow);
        if (total >= limit) break;
        const nextDue = liveStart + ((live + 1) * 1000) / options.rate;
        await sleep(Math.max(nextDue - now(), MIN_TICK_MS), signal);
      }
    } else {
      const rooms = simulation.liveRooms(startMs, options.rate);
      log.info({ ...rooms.plan, mode: 'real-time' }, 'live traffic started');
      if (rooms.plan.expectedPerSecond < 0.9 * options.rate) {
        log.warn({ rate: options.rate, expected: Math.round(rooms.plan.expectedPerSecond) }, 'real-time live traffic is capped by the world (every free host live, audience ×50): use --time-warp or --scale for more events/s');
      }
      let room = rooms.events.next();
      while (!signal?.aborted && total < limit) {
        const wallNow = now();
        const groups = new Map<Topic, object[]>();
        let n = 0;
        for (; total + n < limit; n++) {
          const fromWorld = !next.done && next.value.at <= wallNow && (room.done || next.value.at <= room.value.at);
          const fromRoom = !fromWorld && !room.done && room.value.at <= wallNow;
          if (!fromWorld && !fromRoom) break;
          const record = fromWorld ? (next.value as SimRecord) : (room.value as SimRecord);
          const group = groups.get(record.topic) ?? [];
          group.push(record.event);
          groups.set(record.topic, group);
          if (fromWorld) next = iterator.next();
          else room = rooms.events.next();
        }
        if (n > 0) await send(groups, n);
        report(wallNow);
        if (total >= limit) break;
        const upcoming = Math.min(next.done ? Infinity : next.value.at, room.done ? Infinity : room.value.at);
        await sleep(Math.min(Math.max(upcoming - now(), MIN_TICK_MS), 1000), signal);
      }
    }
    stoppedBy = total >= limit ? 'count' : 'signal';
  }
  await inflight;
  const result: RunResult = { total, backfilled, live, perTopic, refused, stoppedBy, startMs, durationMs: Math.round(now() - startMs) };
  log.info({ ...result }, 'simulation stopped');
  return result;
}

/**
 * sink.send that survives what a long-running simulator meets. A batch the destination refuses
 * (an HTTP 4xx, or a 2xx reporting rejected events) is logged and skipped: sending it again
 * would be refused again, and one bad batch must not end the simulation for good. A
 * credentials or address error (401/403/404) stops it, as no later batch can succeed. Anything
 * else (no answer, 5xx after the sink's own retries, the embedded pipeline's outage) is retried
 * with doubling delays until it succeeds or the run is aborted; ingest is idempotent by event_id,
 * so a batch stored before its answer was lost is not stored twice.
 */
function resilientSend(
  sink: EventSink,
  log: RunLog,
  signal: AbortSignal | undefined,
  retryMs: number,
  onState: RunOptions['onState'],
  onRefused: (events: number) => void,
): (topic: Topic, events: object[]) => Promise<void> {
  let failing = false;
  return async (topic, events) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await sink.send(topic, events);
        if (failing) {
          failing = false;
          onState?.('running');
          log.info({ topic }, 'sink accepts events again');
        }
        return;
      } catch (err) {
        const status = (err as { status?: unknown }).status;
        const message = err instanceof Error ? err.message : String(err);
        if (status === 401 || status === 403 || status === 404) throw err;
        if (typeof status === 'number' && status < 500) {
          onRefused(events.length);
          log.warn({ topic, events: events.length, reason: message }, 'sink refused a batch; skipped, the simulation goes on');
          return;
        }
        if (signal?.aborted) {
          log.warn({ topic, events: events.length, reason: message }, 'run stopped while the sink was failing; batch not sent');
          return;
        }
        if (!failing) onState?.('retrying', message);
        failing = true;
        const delay = Math.min(30_000, retryMs * 2 ** attempt);
        log.warn({ topic, attempt: attempt + 1, retryInMs: delay, reason: message }, 'sink failed; retrying the batch');
        await sleep(delay, signal);
      }
    }
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
