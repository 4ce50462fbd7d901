import type { Topic, TranscriptEvent } from '../../contracts/index.ts';
import type { Detector, WordingHit } from '../../wording/index.ts';
import type { HostReminder, ReminderBus } from '../../realtime/reminders.ts';
import { RecentIds } from '../../realtime/recent-ids.ts';

export interface HostHitBurst {
  host_id: string;
  shop_id: string;
  live_session_id: string;
  hits_in_window: number;
  window_ms: number;
  threshold: number;
  recent: Array<{ phrase: string; rule_id: string; occurred_at: string; text: string }>;
}

export interface WordingRuleOptions {
  detector: Detector;
  bus: ReminderBus;
  /** Stores hit rows (wording_hits); called once per segment with hits. */
  storeHits(rows: string[]): void;
  /** Called when a host's hits within `burstWindowMs` reach `burstThreshold` (ops alert). */
  onBurst?(burst: HostHitBurst): void;
  /** SKU refund policies known from orders, so policy-dependent claims can be judged. */
  refundPolicyOf?(skuId: string): string | undefined;
  /** SKU categories known from orders (美妆, 食品, 生鲜…), so category-dependent claims can be judged. */
  skuCategoryOf?(skuId: string): string | undefined;
  burstWindowMs?: number;
  burstThreshold?: number;
  /** Segments older than this (event time vs now) are stored but not pushed to consoles. */
  liveWindowMs?: number;
  now?: () => number;
}

/**
 * The in-stream wording rule: on every host or assistant segment, before and independent of
 * its insert, detect risky phrases, push one reminder per hit to that host's console at once,
 * store the hits, and tell ops when a host keeps doing it.
 */
export function wordingRule(opts: WordingRuleOptions): (topic: Topic, event: object) => void {
  const now = opts.now ?? Date.now;
  const burstWindowMs = opts.burstWindowMs ?? 10 * 60_000;
  const burstThreshold = opts.burstThreshold ?? 5;
  const liveWindowMs = opts.liveWindowMs ?? 10 * 60_000;
  const seen = new RecentIds();
  // Per host: event times of recent hits (for the 10-minute burst count), newest last.
  const hitTimes = new Map<string, Array<{ t: number; phrase: string; rule_id: string; occurred_at: string; text: string }>>();

  return (topic, event) => {
    if (topic !== 'livestream-transcripts') return;
    const seg = event as TranscriptEvent;
    if (seg.speaker === 'viewer') return;
    const policy = seg.sku_id ? opts.refundPolicyOf?.(seg.sku_id) : undefined;
    const skuCategory = seg.sku_id ? opts.skuCategoryOf?.(seg.sku_id) : undefined;
    const context = policy || skuCategory ? { ...(policy ? { refundPolicy: policy } : {}), ...(skuCategory ? { skuCategory } : {}) } : undefined;
    // An after-sales claim is judged against the SKU's refund policy (不支持七天无理由 is true of a
    // quality_only SKU); before any order has said what the policy is, it cannot be judged, and a
    // guess would remind (and alert) on lawful speech — so it waits for the policy.
    const hits = opts.detector.detect(seg.text, context).filter((h) => policy !== undefined || h.category !== 'false_after_sales');
    if (hits.length === 0 || !seen.firstTime(seg.event_id)) return;

    const t = Date.parse(seg.occurred_at);
    const detectedAt = now();
    const live = detectedAt - t <= liveWindowMs;
    opts.storeHits(hits.map((h) => hitRow(seg, h)));
    if (live) hits.forEach((h, i) => opts.bus.publish(reminderOf(seg, h, i, detectedAt)));

    const times = hitTimes.get(seg.host_id) ?? [];
    for (const h of hits) times.push({ t, phrase: h.matched, rule_id: h.rule_id, occurred_at: seg.occurred_at, text: seg.text });
    while (times.length > 0 && times[0]!.t <= t - burstWindowMs) times.shift();
    hitTimes.set(seg.host_id, times);
    if (times.length >= burstThreshold && opts.onBurst) {
      opts.onBurst({
        host_id: seg.host_id,
        shop_id: seg.shop_id,
        live_session_id: seg.live_session_id,
        hits_in_window: times.length,
        window_ms: burstWindowMs,
        threshold: burstThreshold,
        recent: times.slice(-5).map(({ phrase, rule_id, occurred_at, text }) => ({ phrase, rule_id, occurred_at, text })),
      });
    }
  };
}

function reminderOf(seg: TranscriptEvent, h: WordingHit, index: number, detectedAt: number): HostReminder {
  return {
    kind: 'wording_hit',
    id: `${seg.event_id}#${index}`,
    host_id: seg.host_id,
    shop_id: seg.shop_id,
    live_session_id: seg.live_session_id,
    sku_id: seg.sku_id ?? '',
    occurred_at: seg.occurred_at,
    offset_ms: seg.offset_ms,
    speaker: seg.speaker,
    text: seg.text,
    phrase: h.matched,
    term: h.term,
    category: h.category,
    rule_id: h.rule_id,
    severity: h.severity,
    alternative: h.alternative,
    start: h.start,
    end: h.end,
    detected_at: detectedAt,
  };
}

function hitRow(seg: TranscriptEvent, h: WordingHit): string {
  return JSON.stringify({
    event_id: seg.event_id,
    occurred_at: seg.occurred_at,
    host_id: seg.host_id,
    shop_id: seg.shop_id,
    live_session_id: seg.live_session_id,
    sku_id: seg.sku_id ?? '',
    speaker: seg.speaker,
    offset_ms: seg.offset_ms,
    text: seg.text,
    phrase: h.matched,
    term: h.term,
    category: h.category,
    rule_id: h.rule_id,
    severity: h.severity,
    alternative: h.alternative,
    span_start: h.start,
    span_end: h.end,
  });
}
