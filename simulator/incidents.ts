import type { ReasonCode } from '../contracts/refunds.ts';
import type { Category } from './catalog-data.ts';
import { provinceCode } from './geography.ts';
import { WeightedTable } from './prng.ts';
import type { RefundOverrides } from './refund-plan.ts';
import { sessionOf, type Session } from './schedule.ts';
import { DAY, HOUR, MINUTE, chinaDay, isoCst } from './time.ts';
import type { Host, Shop, Sku, World } from './world.ts';

/**
 * Injected incidents: one of each pattern the alert rules (DESIGN §5) exist to catch, placed
 * relative to the simulation's anchor time (normally "now") so that a backfill ending at the
 * anchor contains all of them. Each is written to a manifest with its subject, time span and
 * the alert that should catch it, so tests can check detection end to end.
 */

export type IncidentKind =
  | 'sku_return_spike'
  | 'risky_host_wording'
  | 'regional_shipping_delay'
  | 'merchant_sla_breach'
  | 'session_refund_spike'
  | 'viewer_question_spike'
  | 'refund_payout_backlog';

/** DESIGN §5 rule names. */
export type AlertRuleName =
  | 'high_return_sku'
  | 'risky_host_wording'
  | 'regional_shipping_delay'
  | 'merchant_sla'
  | 'session_refund_spike'
  | 'viewer_question_spike'
  | 'stage_bottleneck';

export interface Incident {
  id: string;
  kind: IncidentKind;
  title: string;
  subject: {
    sku_id?: string;
    category?: string;
    shop_id?: string;
    host_id?: string;
    live_session_id?: string;
    region?: string;
    region_code?: string;
    topic?: string;
    /** A refund stage (alerts/rules/stage-bottleneck.rule.ts ids): the one the incident holds up. */
    stage?: string;
  };
  startMs: number;
  endMs: number;
  start: string;
  end: string;
  expectedAlert: { rule: AlertRuleName; condition: string };
  /** Alerts the incident may legitimately raise as a side effect. */
  mayAlsoTrigger: AlertRuleName[];
  /** Its strength relative to the default plan (see IncidentMagnitudes); absent in the default plan. */
  magnitude?: number;
}

/**
 * How strong each planted incident is, relative to the default plan (1 = the default plan's
 * numbers). Omitted altogether, the plan is the default one exactly (same events byte for byte).
 * Per kind, m scales: sku_return_spike the refund chance of the SKU's orders (0.6·m);
 * risky_host_wording the risky lines (8·m in the dense stretch, 10·m spread out);
 * regional_shipping_delay the late rate of the province's parcels (0.75·m);
 * merchant_sla_breach the length of the silence (6 days·m, from the same start);
 * session_refund_spike the refund chance of the session's orders (0.6·m);
 * viewer_question_spike the flood relative to the room: 3·m fabric questions per ordinary
 * comment of the session in those five minutes (instead of a fixed 50), so a large room needs
 * a larger flood to stand out; refund_payout_backlog how much longer the payout takes (3·m × the
 * usual duration). Used by `npm run bench:alerts` to plant clear and borderline cases.
 */
export type IncidentMagnitudes = Partial<Record<IncidentKind, number>>;


/** What generation needs to know, in lookup-friendly form. */
export interface IncidentPlan {
  skuSpike?: { sku: Sku; fromMs: number; toMs: number; pinnedPerSession: number; overrides: RefundOverrides };
  riskyWording?: { sessionId: string; burst?: number; spread?: number };
  regionalDelay?: { province: string; fromMs: number; toMs: number; lateRate: number; lateByHours: readonly [number, number] };
  merchantSilence?: { shopId: string; fromMs: number; toMs: number };
  sessionSpike?: { sessionId: string; overrides: RefundOverrides };
  /** Payouts (the money_back stage) that start in [from, to) take `factor` × their usual time. */
  payoutBacklog?: { fromMs: number; toMs: number; factor: number };
  /** `perComment` set: the flood is that many questions per ordinary comment in the window, not `count`. */
  questionFlood?: { sessionId: string; fromOffset: number; toOffset: number; count: number; perComment?: number };
}

const reasons = (entries: ReadonlyArray<readonly [ReasonCode, number]>) => new WeightedTable(entries);

export function planIncidents(world: World, anchorMs: number, magnitudes?: IncidentMagnitudes): { plan: IncidentPlan; manifest: Incident[] } {
  const plan: IncidentPlan = {};
  const manifest: Incident[] = [];
  const add = (incident: Omit<Incident, 'start' | 'end' | 'id'>) => {
    const given = magnitudes?.[incident.kind];
    manifest.push({
      id: `INC-${world.tag}-${manifest.length + 1}`, ...incident, start: isoCst(incident.startMs), end: isoCst(incident.endMs), ...(given !== undefined ? { magnitude: given } : {}),
    });
  };
  const m = (kind: IncidentKind): number => {
    const value = magnitudes?.[kind] ?? 1;
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`incident magnitude of ${kind} must be > 0, got ${value}`);
    return value;
  };

  // (a) A SKU whose quality returns explode — e.g. a thermos that leaks — while it is pushed hard.
  const homeShop = findShop(world, ['家居', '美妆', '食品'], []);
  // A mid-seller: pinned in the cart it sells ~150 in a week without dominating its category.
  const homeSkus = [...(world.skusByShop.get(homeShop.id) ?? [])].sort((a, b) => b.appeal - a.appeal);
  const spikeSku = homeSkus[Math.floor(homeSkus.length / 2)] as Sku;
  const skuFrom = anchorMs - 8 * DAY;
  const skuTo = anchorMs + 2 * DAY;
  plan.skuSpike = {
    sku: spikeSku,
    fromMs: skuFrom,
    toMs: skuTo,
    pinnedPerSession: 10,
    overrides: { chance: Math.min(0.95, 0.6 * m('sku_return_spike')), reasons: reasons([['quality', 45], ['damaged', 20], ['not_as_described', 35]]), requestAfterDeliveryHours: [1, 30] },
  };
  add({
    kind: 'sku_return_spike',
    title: `${spikeSku.name} 品质退货激增`,
    subject: { sku_id: spikeSku.id, category: spikeSku.category, shop_id: homeShop.id },
    startMs: skuFrom,
    endMs: skuTo,
    expectedAlert: { rule: 'high_return_sku', condition: "7-day return rate ≥ 3× the category's, ≥ 60 orders in 7 days, mostly quality reasons" },
    mayAlsoTrigger: [],
  });

  // (b) A beauty host making absolute and medical claims throughout yesterday's session.
  const riskyHost = findHost(world, ['美妆'], []);
  const riskySession = latestSession(world, riskyHost, anchorMs, (s) => s.endMs <= anchorMs - 2 * HOUR);
  if (riskySession) {
    const mw = magnitudes?.risky_host_wording;
    plan.riskyWording = mw === undefined ? { sessionId: riskySession.id } : { sessionId: riskySession.id, burst: Math.round(8 * m('risky_host_wording')), spread: Math.round(10 * mw) };
    add({
      kind: 'risky_host_wording',
      title: `${riskyHost.name} 直播中反复使用绝对化/医疗用语`,
      subject: { host_id: riskyHost.id, live_session_id: riskySession.id, shop_id: riskyHost.shop.id },
      startMs: riskySession.startMs,
      endMs: riskySession.endMs,
      expectedAlert: { rule: 'risky_host_wording', condition: 'a host reminder per hit (~18 hits); an ops alert for 8 hits within 10 minutes' },
      mayAlsoTrigger: [],
    });
  }

  // (c) Deliveries to 四川 run late for a day (a sorting-centre backlog).
  const province = '四川省';
  const delayFrom = anchorMs - 24 * HOUR;
  const delayTo = anchorMs + 6 * HOUR;
  plan.regionalDelay = { province, fromMs: delayFrom, toMs: delayTo, lateRate: Math.min(0.95, 0.75 * m('regional_shipping_delay')), lateByHours: [8, 40] };
  add({
    kind: 'regional_shipping_delay',
    title: `${province} 分拨中心积压，派送延误`,
    subject: { region: province, region_code: provinceCode(province) },
    startMs: delayFrom,
    endMs: delayTo,
    expectedAlert: { rule: 'regional_shipping_delay', condition: 'shipments due in the last 24 h: delay rate ~75% vs ~8–11% nationally, ≥ 50 due' },
    mayAlsoTrigger: [],
  });

  // (d) A shop whose after-sales desk stops answering refund requests.
  const quietShop = findShop(world, ['服饰', '数码', '食品'], [homeShop.id], 1);
  const quietFrom = anchorMs - 5 * DAY;
  const quietTo = quietFrom + Math.round(6 * DAY * m('merchant_sla_breach'));
  plan.merchantSilence = { shopId: quietShop.id, fromMs: quietFrom, toMs: quietTo };
  add({
    kind: 'merchant_sla_breach',
    title: `${quietShop.name} 停止处理退款申请`,
    // stage: its unanswered requests lengthen the platform's decision stage once they are answered.
    subject: { shop_id: quietShop.id, stage: 'decision' },
    startMs: quietFrom,
    endMs: quietTo,
    expectedAlert: { rule: 'merchant_sla', condition: 'refunds awaiting a merchant decision > 48 h for the shop (no auto or timeout approval while it lasts)' },
    mayAlsoTrigger: ['merchant_sla', 'stage_bottleneck'],
  });

  // (e) A session whose buyers refund far more than the host's usual (over-promising on stream).
  // The busiest eligible host, so the session has enough orders for a rate to mean something.
  const spikeHost =
    world.hosts
      .filter((h) => h.id !== riskyHost.id && h.shop.id !== quietShop.id && h.shop.id !== homeShop.id && (h.shop.categories.includes('美妆') || h.shop.categories.includes('数码')))
      .sort((a, b) => b.popularity - a.popularity)[0] ?? findHost(world, ['数码', '家居', '美妆'], [riskyHost.id], 0, [quietShop.id]);
  const spikeSession = latestSession(world, spikeHost, anchorMs, (s) => s.startMs <= anchorMs - 4 * DAY);
  if (spikeSession) {
    plan.sessionSpike = {
      sessionId: spikeSession.id,
      overrides: {
        chance: Math.min(0.95, 0.6 * m('session_refund_spike')),
        reasons: reasons([['not_as_described', 45], ['quality', 25], ['dislike', 15], ['counterfeit', 15]]),
        requestAfterDeliveryHours: [2, 30],
      },
    };
    add({
      kind: 'session_refund_spike',
      title: `${spikeHost.name} 的一场直播退款异常`,
      subject: { host_id: spikeHost.id, live_session_id: spikeSession.id, shop_id: spikeHost.shop.id },
      startMs: spikeSession.startMs,
      endMs: spikeSession.endMs,
      expectedAlert: { rule: 'session_refund_spike', condition: "~60% of the session's orders refunded vs the host's usual 5–15%" },
      mayAlsoTrigger: ['high_return_sku'],
    });
  }

  // (f) Viewers pressing a clothing host about the fabric for five minutes.
  const floodHost = findHost(world, ['服饰'], [riskyHost.id, spikeHost.id], 0, [quietShop.id]);
  const floodSession = latestSession(world, floodHost, anchorMs, (s) => s.startMs <= anchorMs - 2 * DAY);
  if (floodSession) {
    const fromOffset = 40 * MINUTE;
    const mf = magnitudes?.viewer_question_spike;
    plan.questionFlood = { sessionId: floodSession.id, fromOffset, toOffset: fromOffset + 5 * MINUTE, count: 50, ...(mf !== undefined ? { perComment: 3 * m('viewer_question_spike') } : {}) };
    add({
      kind: 'viewer_question_spike',
      title: `${floodHost.name} 直播间观众集中追问面料材质`,
      subject: { host_id: floodHost.id, live_session_id: floodSession.id, shop_id: floodHost.shop.id, topic: '材质' },
      startMs: floodSession.startMs + fromOffset,
      endMs: floodSession.startMs + fromOffset + 5 * MINUTE,
      expectedAlert: { rule: 'viewer_question_spike', condition: '50 fabric (材质/面料) questions in 5 minutes vs a baseline of ~1–2' },
      mayAlsoTrigger: [],
    });
  }

  // (g) The payment partner's payout queue backs up for a day: every refund due to be paid out
  // (the money_back stage: after the merchant receives the return, or after approval when
  // nothing is sent back) takes several times as long, across all shops.
  // The rule sees a stage by its completions: the stretched payouts complete up to 36 h after they
  // start, so a backlog of the day before the anchor is in the rule's 24 h window at the anchor.
  const payoutFrom = anchorMs - 48 * HOUR;
  const payoutTo = anchorMs - 24 * HOUR;
  const factor = 3 * m('refund_payout_backlog');
  plan.payoutBacklog = { fromMs: payoutFrom, toMs: payoutTo, factor };
  add({
    kind: 'refund_payout_backlog',
    title: '退款打款通道积压，到账变慢',
    subject: { stage: 'money_back' },
    startMs: payoutFrom,
    endMs: payoutTo,
    expectedAlert: { rule: 'stage_bottleneck', condition: `money_back stage (received/approved → refunded) takes ~${factor}× its usual time for payouts starting in one day` },
    mayAlsoTrigger: [],
  });
  return { plan, manifest };
}

/** The `nth` shop selling one of `categories` (in preference order), else any shop not excluded. */
function findShop(world: World, categories: readonly Category[], exclude: readonly string[], nth = 0): Shop {
  for (const category of categories) {
    const shops = world.shops.filter((s) => s.categories.includes(category) && !exclude.includes(s.id));
    const pick = shops[Math.min(nth, shops.length - 1)];
    if (pick) return pick;
  }
  return (world.shops.find((s) => !exclude.includes(s.id)) ?? world.shops[0]) as Shop;
}

function findHost(world: World, categories: readonly Category[], excludeHosts: readonly string[], nth = 0, excludeShops: readonly string[] = []): Host {
  for (const category of categories) {
    const hosts = world.hosts.filter(
      (h) => h.shop.categories.includes(category) && !excludeHosts.includes(h.id) && !excludeShops.includes(h.shop.id),
    );
    const pick = hosts[Math.min(nth, hosts.length - 1)];
    if (pick) return pick;
  }
  return (world.hosts.find((h) => !excludeHosts.includes(h.id)) ?? world.hosts[0]) as Host;
}

/** The host's most recent session satisfying `ok`, looking back up to two weeks from the anchor. */
function latestSession(world: World, host: Host, anchorMs: number, ok: (s: Session) => boolean): Session | undefined {
  const today = chinaDay(anchorMs);
  for (let day = today; day > today - 14; day--) {
    const session = sessionOf(world, host, day);
    if (session && ok(session)) return session;
  }
  return undefined;
}
