import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, until, type Product } from '../dashboard/e2e/product.ts';
import { createSimulation } from '../simulator/simulation.ts';
import type { Incident } from '../simulator/incidents.ts';

/**
 * The product as `npm start` runs it — embedded chDB, the built-in simulator backfilling and then
 * live, every stream and scheduled rule on — observed for several minutes of live traffic: every
 * alert that fires must be one of the incidents the simulator planted (its manifest), by rule and
 * subject. This is what a new user sees in the alert centre in their first minutes.
 */
const LIVE_MINUTES = 4;
const TOPIC_IDS: Record<string, string> = { 材质: 'material', 尺码: 'size', 真假: 'authenticity', 发货: 'shipping', 售后: 'after_sales', 价格: 'price' };

interface AlertJson {
  rule: string;
  state: string;
  subject: Record<string, string>;
  labels: Record<string, string>;
  fingerprint: string;
}

let product: Product;
let manifest: readonly Incident[];

beforeAll(async () => {
  const t0 = Date.now();
  product = await startProduct({ backfillDays: 1, simRate: 2, env: { LOG_LEVEL: 'info' } });
  // The product's simulation: seed 42 (RADAR_SIM_SEED's default), incidents placed around its start.
  manifest = createSimulation({ seed: 42, anchorMs: t0, incidents: true }).incidents;
}, 300_000);
afterAll(async () => product?.stop());

/** The incident an alert is about, if any: same rule (or a side effect it may have), same subject. */
function incidentOf(alert: AlertJson): Incident | undefined {
  return manifest.find((inc) => {
    if (inc.expectedAlert.rule !== alert.rule && !inc.mayAlsoTrigger.includes(alert.rule as Incident['expectedAlert']['rule'])) return false;
    const want: Record<string, string | undefined> = { ...inc.subject, topic: inc.subject.topic ? (TOPIC_IDS[inc.subject.topic] ?? inc.subject.topic) : undefined };
    const keys = Object.keys(alert.subject).filter((k) => want[k] !== undefined);
    if (keys.length === 0) return false; // every planted incident names its subject
    return keys.every((k) => want[k] === alert.subject[k]);
  });
}

describe('npm start: the first minutes of alerts', () => {
  it(`every alert firing during the backfill and ${LIVE_MINUTES} minutes of live traffic is a planted incident`, async () => {
    const seen = new Map<string, AlertJson>();
    const check = async () => {
      const res = await product.api<{ alerts: AlertJson[] }>('/v1/alerts?state=firing,acknowledged&limit=500');
      expect(res.status).toBe(200);
      for (const a of res.body.alerts) seen.set(a.fingerprint, a);
    };
    const liveAt = await until('the simulator to go live', 240_000, async () => {
      await check();
      return /live traffic started/.test(product.output()) ? Date.now() : undefined;
    }, 2_000);
    // Observe live traffic for LIVE_MINUTES of wall time (= simulated time: live runs in real time).
    await until(`${LIVE_MINUTES} minutes of live traffic`, (LIVE_MINUTES + 1) * 60_000, async () => {
      await check();
      return Date.now() - liveAt >= LIVE_MINUTES * 60_000 ? true : undefined;
    }, 10_000);
    const stray = [...seen.values()].filter((a) => incidentOf(a) === undefined);
    expect(stray.map((a) => `${a.rule} ${JSON.stringify(a.subject)}`), `manifest:\n${manifest.map((i) => `${i.expectedAlert.rule} ${JSON.stringify(i.subject)}`).join('\n')}`).toEqual([]);
    expect(/"rooms":\d+/.test(product.output()), 'the live phase says how many rooms it runs').toBe(true);
  }, 15 * 60_000);
});
