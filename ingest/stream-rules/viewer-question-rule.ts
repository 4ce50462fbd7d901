import type { Topic, TranscriptEvent } from '../../contracts/index.ts';
import type { QuestionSpike, QuestionSpikeDetector, TopicClassifier } from '../../wording/index.ts';
import type { ReminderBus } from '../../realtime/reminders.ts';

export interface SessionSpike extends QuestionSpike {
  host_id: string;
  shop_id: string;
}

export interface ViewerQuestionRuleOptions {
  classifier: TopicClassifier;
  spikes: QuestionSpikeDetector;
  bus: ReminderBus;
  onSpike?(spike: SessionSpike): void;
  /** Category of a SKU on screen (from the orders seen so far), for the prior of a new session. */
  categoryOf?(skuId: string): string | undefined;
  /** Spikes whose window ended longer ago than this (vs now) are not pushed to consoles. */
  liveWindowMs?: number;
  now?: () => number;
}

/**
 * Viewer comments → topics (材质, 尺码, 真假, 发货, 售后, 价格) → per-session 5-minute shares
 * (every comment is counted, on a topic or not: the share needs the whole volume).
 * evaluate() runs on a timer against stream time (the newest comment seen), so a backfill of
 * history and live traffic are judged by the same clock.
 */
export function viewerQuestionRule(opts: ViewerQuestionRuleOptions) {
  const now = opts.now ?? Date.now;
  const liveWindowMs = opts.liveWindowMs ?? 10 * 60_000;
  const sessions = new Map<string, { host_id: string; shop_id: string; last: number }>();
  let streamTime = 0;
  // (session, topic) pairs spiking at the last evaluation: the console is told once per episode,
  // not at every tick while it lasts (the alert lifecycle dedupes the ops side).
  let spiking = new Set<string>();

  const onEvent = (topic: Topic, event: object): void => {
    if (topic !== 'livestream-transcripts') return;
    const c = event as TranscriptEvent;
    if (c.speaker !== 'viewer') return;
    const t = Date.parse(c.occurred_at);
    if (t > streamTime) streamTime = t;
    const topics = opts.classifier.classify(c.text);
    const known = sessions.get(c.live_session_id);
    if (known) known.last = Math.max(known.last, t);
    else sessions.set(c.live_session_id, { host_id: c.host_id, shop_id: c.shop_id, last: t });
    const category = c.sku_id !== undefined ? opts.categoryOf?.(c.sku_id) : undefined;
    opts.spikes.recordComment(c.live_session_id, topics, t, { host_id: c.host_id, ...(category !== undefined ? { category } : {}) });
  };

  const evaluate = (): SessionSpike[] => {
    if (streamTime === 0) return [];
    const found: SessionSpike[] = [];
    const stillSpiking = new Set<string>();
    for (const s of opts.spikes.evaluate(streamTime)) {
      const known = sessions.get(s.session_id);
      if (!known) continue;
      const who = { host_id: known.host_id, shop_id: known.shop_id };
      const spike = { ...s, ...who };
      found.push(spike);
      opts.onSpike?.(spike);
      const key = `${s.session_id}\u0000${s.topic}`;
      stillSpiking.add(key);
      if (!spiking.has(key) && now() - s.window_end_ms <= liveWindowMs) {
        opts.bus.publish({
          kind: 'question_spike',
          id: `${s.session_id}#${s.topic}#${s.window_end_ms}`,
          host_id: who.host_id,
          shop_id: who.shop_id,
          live_session_id: s.session_id,
          topic: s.topic,
          count: s.count,
          baseline_mean: s.baseline_mean,
          window_start: new Date(s.window_start_ms).toISOString(),
          window_end: new Date(s.window_end_ms).toISOString(),
          detected_at: now(),
        });
      }
    }
    spiking = stillSpiking;
    // Who a session belongs to is kept a day past its last comment (bounded over months of stream).
    for (const [id, known] of sessions) if (streamTime - known.last > 86_400_000) sessions.delete(id);
    return found;
  };

  return { onEvent, evaluate };
}
