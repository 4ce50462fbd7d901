/**
 * How fast the simulator generates a backfill with no sink attached:
 *   npx tsx simulator/measure-generation.ts [days=14] [scale=1] [seed=42]
 * Prints events per topic per simulated day and events/s of generation (look-back included).
 */
import { TOPICS, type Topic } from '../contracts/index.ts';
import { createSimulation } from './simulation.ts';
import { DAY } from './time.ts';

const days = Number(process.argv[2] ?? 14);
const scale = Number(process.argv[3] ?? 1);
const seed = Number(process.argv[4] ?? 42);
const anchorMs = Date.UTC(2025, 2, 15, 4, 0, 0);
const sim = createSimulation({ seed, scale, anchorMs });
const perTopic = Object.fromEntries(TOPICS.map((t) => [t, 0])) as Record<Topic, number>;
const started = performance.now();
let firstAt = 0;
let total = 0;
for (const record of sim.events(anchorMs - days * DAY, anchorMs)) {
  if (total === 0) firstAt = performance.now();
  perTopic[record.topic]++;
  total++;
}
const seconds = (performance.now() - started) / 1000;
const perDay = Object.fromEntries(TOPICS.map((t) => [t, Math.round(perTopic[t] / days)]));
console.log(JSON.stringify({
  days,
  scale,
  total,
  perDay: { ...perDay, all: Math.round(total / days) },
  seconds: Number(seconds.toFixed(2)),
  firstEventAfterSeconds: Number(((firstAt - started) / 1000).toFixed(2)),
  eventsPerSecond: Math.round(total / seconds),
  heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1e6),
}, null, 2));
