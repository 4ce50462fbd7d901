import type { HostHitBurst } from '../ingest/stream-rules/wording-rule.ts';
import type { SessionSpike } from '../ingest/stream-rules/viewer-question-rule.ts';
import { dashboardPath } from './rules/rule-kit.ts';
import type { ExternalRule } from './rule-schema.ts';
import type { Evidence, GroupResult, Labels } from './types.ts';

/**
 * What a stream rule tells the engine about one subject. `firing: false` says the condition
 * cleared; a stream that only ever reports breaches can rely on the rule's
 * resolveAfterMinutes instead.
 */
export interface AlertReport {
  rule: string;
  /** Identity of the subject within the rule, e.g. { host_id, live_session_id }. */
  subject: Labels;
  /** Context for routing, scope and silences (host_id, shop_id, category…). */
  labels?: Labels;
  firing: boolean;
  evidence?: Partial<Omit<Evidence, 'action'>>;
  /** When it was observed (ms); defaults to the engine clock. */
  at?: number;
}

export function reportGroup(rule: ExternalRule, r: AlertReport, at: number): GroupResult {
  const labels = { ...(r.labels ?? {}), ...r.subject };
  const e = r.evidence ?? {};
  return {
    subject: r.subject,
    labels,
    met: r.firing,
    why: r.firing ? 'reported firing' : 'reported cleared',
    score: r.firing ? 1 : 0,
    evidence: {
      summary: e.summary ?? `${rule.title}：${Object.values(r.subject).join(' / ')}`,
      window: e.window ?? { from: new Date(at).toISOString(), to: new Date(at).toISOString() },
      numbers: e.numbers ?? {},
      ...(e.test ? { test: e.test } : {}),
      action: rule.action,
      drilldown: e.drilldown ?? defaultDrilldown(labels),
      ...(e.details ? { details: e.details } : {}),
    },
  };
}

function defaultDrilldown(labels: Labels): Evidence['drilldown'] {
  if (labels.live_session_id) return { dashboard: dashboardPath(`sessions/${encodeURIComponent(labels.live_session_id)}`, {}) };
  if (labels.host_id) return { dashboard: dashboardPath(`hosts/${encodeURIComponent(labels.host_id)}`, {}) };
  return { dashboard: dashboardPath('alerts', {}) };
}

/**
 * The wording rule's onBurst → an ops alert "risky host wording" for that host's session, at
 * the time of the last hit (stream time), so a replayed backlog is judged by when it was said.
 */
export function hostBurstReport(b: HostHitBurst, rule = 'risky_host_wording'): AlertReport {
  const last = b.recent[b.recent.length - 1];
  const to = last ? Date.parse(last.occurred_at) : undefined;
  return {
    rule,
    subject: { host_id: b.host_id, live_session_id: b.live_session_id },
    labels: { shop_id: b.shop_id },
    firing: true,
    ...(to !== undefined ? { at: to } : {}),
    evidence: {
      summary: `主播 ${b.host_id} 在 ${Math.round(b.window_ms / 60_000)} 分钟内出现 ${b.hits_in_window} 次风险话术（阈值 ${b.threshold}），最近一次：「${last?.phrase ?? ''}」`,
      ...(to !== undefined ? { window: { from: new Date(to - b.window_ms).toISOString(), to: new Date(to).toISOString() } } : {}),
      numbers: { hits_in_window: b.hits_in_window, threshold: b.threshold, window_minutes: Math.round(b.window_ms / 60_000) },
      details: { recent: b.recent },
    },
  };
}

/** The viewer-question rule's onSpike → an alert "viewer question spike" for (session, topic), at the window's end. */
export function questionSpikeReport(s: SessionSpike, rule = 'viewer_question_spike'): AlertReport {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const minutes = Math.round((s.window_end_ms - s.window_start_ms) / 60_000);
  return {
    rule,
    subject: { live_session_id: s.session_id, topic: s.topic },
    labels: { host_id: s.host_id, shop_id: s.shop_id },
    firing: true,
    at: s.window_end_ms,
    evidence: {
      summary: `直播场次 ${s.session_id} 观众 ${minutes} 分钟内就「${s.topic}」提问 ${s.count} 次，占评论 ${pct(s.share)}（基线 ${pct(s.baseline_share)}，${s.window_comments} 条评论）`,
      window: { from: new Date(s.window_start_ms).toISOString(), to: new Date(s.window_end_ms).toISOString() },
      numbers: {
        count: s.count,
        window_comments: s.window_comments,
        share: s.share,
        baseline_share: s.baseline_share,
        baseline_mean: s.baseline_mean,
        ratio: s.ratio,
        threshold: s.threshold,
        baseline_minutes: s.baseline_minutes,
        baseline_comments: s.baseline_comments,
        prior_source: s.prior_source,
        prior_share: s.prior_share,
      },
      test: { name: 'binomial_share', null_rate: Math.min(1, s.ratio * s.baseline_share), p_value: s.p_value, alpha: s.alpha },
    },
  };
}
