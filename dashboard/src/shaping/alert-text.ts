import type { TFunction } from 'i18next';
import type { Evidence } from '../api/live-types.ts';
import { zhCNAlerts } from '../i18n/zh-cn-alerts.ts';
import { zhCNTerms } from '../i18n/zh-cn-terms.ts';
import type { Dict } from '../i18n/dict.ts';
import { formatCount, formatMoment, formatPercent, type Lang } from './format.ts';

/**
 * Alert text in the reader's language (issue #15 item 5). The engine stores a zh-CN sentence
 * (evidence.summary, the rule's title and action) for webhooks and logs; the dashboard does not
 * show those, it renders the same facts from the structured evidence (evidence.numbers, the
 * subject and labels, the window, the test) with a per-rule template of the UI language.
 *
 * Custom rules: a rule id the dictionaries do not know gets the template of the rule kind its
 * evidence looks like (see KIND_SIGNATURE); an operator's own title or action (not the shipped
 * default) is shown as written — those are their words, not ours to translate.
 */

export interface AlertTextInput {
  rule: string;
  title: string;
  subject: Record<string, string>;
  labels: Record<string, string>;
  evidence: Evidence;
}

/** The rule ids that have a template (the ones in config/alerts.default.json). */
export const TEMPLATED_RULES = [
  'high_return_sku',
  'regional_shipping_delay',
  'merchant_sla',
  'stage_bottleneck',
  'session_refund_spike',
  'risky_host_wording',
  'viewer_question_spike',
] as const;
type TemplatedRule = (typeof TEMPLATED_RULES)[number];

const DASH = '—';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const str = (d: Dict | string | undefined, k: string): string | undefined => {
  const v = typeof d === 'object' ? d[k] : undefined;
  return typeof v === 'string' ? v : undefined;
};
const shippedTitle = (rule: string) => str(zhCNTerms.rule, rule);
const shippedAction = (rule: string) => str((zhCNAlerts.alertText as Dict).action, rule);

/** 'oldest_wait_hours' → 'Oldest wait hours': never snake_case on screen, even for a key we have no words for. */
export function humanise(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[_\s.-]+/).filter(Boolean);
  if (words.length === 0) return key;
  const s = words.join(' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Which template a rule's alerts use: its own, or (custom rule) the kind its numbers look like. */
const KIND_SIGNATURE: [string, TemplatedRule][] = [
  ['sku_return_rate', 'high_return_sku'],
  ['region_delay_rate', 'regional_shipping_delay'],
  ['oldest_wait_hours', 'merchant_sla'],
  ['recent_p90_hours', 'stage_bottleneck'],
  ['session_refund_rate', 'session_refund_spike'],
  ['hits_in_window', 'risky_host_wording'],
];
export function templateRule(a: Pick<AlertTextInput, 'rule' | 'subject' | 'evidence'>): TemplatedRule | null {
  if ((TEMPLATED_RULES as readonly string[]).includes(a.rule)) return a.rule as TemplatedRule;
  for (const [key, rule] of KIND_SIGNATURE) if (key in a.evidence.numbers) return rule;
  if (a.subject.topic !== undefined && a.subject.live_session_id !== undefined) return 'viewer_question_spike';
  return null;
}

export function alertTitle(a: Pick<AlertTextInput, 'rule' | 'title'>, t: TFunction): string {
  const shipped = shippedTitle(a.rule);
  if (shipped !== undefined && (a.title === shipped || a.title === '')) return t(`rule.${a.rule}`);
  return a.title || humanise(a.rule);
}

export function alertAction(a: Pick<AlertTextInput, 'rule' | 'evidence'>, t: TFunction): string {
  const shipped = shippedAction(a.rule);
  if (shipped !== undefined && (a.evidence.action === shipped || a.evidence.action === '')) return t(`alertText.action.${a.rule}`);
  return a.evidence.action;
}

export function stateName(state: string, t: TFunction): string {
  if (state === 'none') return t('alertText.state.none');
  return t(`alertState.${state}`, { defaultValue: humanise(state) });
}

/** Who made a transition: the engine by name in the UI language, a person as their token name. */
export function actorName(actor: string, t: TFunction): string {
  return actor === 'engine' ? t('alertText.actor.engine') : actor;
}

export function topicName(id: string, t: TFunction): string {
  return t(`topic.${id}`, { defaultValue: humanise(id) });
}

export function regionName(code: string, t: TFunction, stored?: string): string {
  return t(`alertText.province.${code}`, { defaultValue: stored || code });
}

/** A label's value as a reader knows it: a topic or stage by name, a region by its name in the UI language. */
export function labelValue(key: string, value: string, t: TFunction, labels: Record<string, string> = {}): string {
  if (key === 'topic') return topicName(value, t);
  if (key === 'stage') return t(`stage.${value}`, { defaultValue: labels.stage_name || humanise(value) });
  if (key === 'region_code') return regionName(value, t, labels.region);
  return value;
}

/** Labels whose value repeats another label in zh-CN words (the stored stage / region name). */
const DERIVED_LABELS = new Set(['stage_name', 'region']);

export interface TextRow {
  key: string;
  label: string;
  value: string;
}

export function labelRows(labels: Record<string, string>, t: TFunction): TextRow[] {
  return Object.entries(labels)
    .filter(([k]) => !DERIVED_LABELS.has(k) || !(k === 'region' ? 'region_code' in labels : 'stage' in labels))
    .map(([k, v]) => ({ key: k, label: t(`alertText.label.${k}`, { defaultValue: humanise(k) }), value: labelValue(k, v, t, labels) }));
}

export function subjectText(subject: Record<string, string>, t: TFunction, labels: Record<string, string> = {}): string {
  return Object.entries(subject)
    .map(([k, v]) => labelValue(k, v, t, labels))
    .join(' / ');
}

type Kind = 'rate' | 'times' | 'hours' | 'minutes' | 'days' | 'count' | 'p' | 'time' | 'text';

/** How each evidence number of the shipped rules reads; unknown keys are guessed from their name. */
const KINDS: Record<string, Kind> = {
  sku_return_rate: 'rate',
  category_return_rate: 'rate',
  category_return_rate_unmatched: 'rate',
  region_delay_rate: 'rate',
  national_delay_rate: 'rate',
  session_refund_rate: 'rate',
  baseline_refund_rate: 'rate',
  rate_ci95_low: 'rate',
  rate_ci95_high: 'rate',
  share: 'rate',
  baseline_share: 'rate',
  prior_share: 'rate',
  prior_source: 'text',
  ratio: 'times',
  threshold_ratio: 'times',
  oldest_wait_hours: 'hours',
  sla_hours: 'hours',
  recent_p90_hours: 'hours',
  baseline_p90_hours: 'hours',
  window_minutes: 'minutes',
  baseline_minutes: 'minutes',
  baseline_from: 'time',
  baseline: 'text',
  p_value: 'p',
};

function kindOf(key: string, v: number | string): Kind {
  const known = KINDS[key];
  if (known) return known;
  if (typeof v === 'string') return /^\d{4}-\d\d-\d\dT/.test(v) ? 'time' : 'text';
  if (/(_rate|_share|_ci95_low|_ci95_high)$/.test(key) && v >= 0 && v <= 1) return 'rate';
  if (/ratio$/.test(key)) return 'times';
  if (/_hours$/.test(key)) return 'hours';
  if (/_minutes$/.test(key)) return 'minutes';
  if (/_days$/.test(key)) return 'days';
  if (/^p_value$|_p_value$/.test(key)) return 'p';
  return 'count';
}

const trim = (x: number, digits: number) => x.toFixed(digits).replace(/\.?0+$/, '') || '0';

export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return DASH;
  return p < 0.0001 ? p.toExponential(1) : p.toFixed(4);
}

export function formatRate(r: number | null | undefined): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return DASH;
  return r > 0 && r < 0.001 ? `${(r * 100).toPrecision(2)}%` : formatPercent(r);
}

export function formatTimes(x: number | null | undefined): string {
  if (x === null || x === undefined) return DASH;
  return Number.isFinite(x) ? `${x.toFixed(1)}×` : '∞×';
}

/** One evidence number with its unit, in the UI language. */
export function formatNumber(key: string, v: number | string | null, t: TFunction, lang: Lang): string {
  if (v === null) return DASH;
  const kind = kindOf(key, v);
  if (typeof v === 'string') return kind === 'time' ? formatMoment(v, lang) : t(`alertText.numValue.${v}`, { defaultValue: v });
  switch (kind) {
    case 'rate':
      return formatRate(v);
    case 'times':
      return formatTimes(v);
    case 'hours':
      return t('alertText.unit.hours', { n: trim(v, 1) });
    case 'minutes':
      return t('alertText.unit.minutes', { n: trim(v, 1) });
    case 'days':
      return t('alertText.unit.days', { n: trim(v, 1) });
    case 'p':
      return formatP(v);
    default:
      return Number.isInteger(v) ? formatCount(v, lang) : trim(v, 2);
  }
}

export function numberLabel(key: string, t: TFunction): string {
  return t(`alertText.num.${key}`, { defaultValue: humanise(key) });
}

export function numberRows(evidence: Evidence, t: TFunction, lang: Lang): TextRow[] {
  return Object.entries(evidence.numbers).map(([k, v]) => ({ key: k, label: numberLabel(k, t), value: formatNumber(k, v, t, lang) }));
}

export function testLine(test: NonNullable<Evidence['test']>, t: TFunction): string {
  return t('alertText.test.line', {
    name: t(`alertText.test.${test.name}`, { defaultValue: humanise(test.name) }),
    p: formatP(test.p_value),
    alpha: String(test.alpha),
    nullRate: formatRate(test.null_rate),
  });
}

/** A window's length in words: "7 days", "24 h", "5 min". */
export function spanLength(fromIso: string, toIso: string, t: TFunction): string {
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  if (!Number.isFinite(ms) || ms <= 0) return DASH;
  if (ms >= 2 * DAY && ms % DAY === 0) return t('alertText.span.days', { n: ms / DAY });
  if (ms >= 2 * HOUR) return t('alertText.span.hours', { n: trim(ms / HOUR, 1) });
  return t('alertText.span.minutes', { n: trim(ms / 60_000, 1) });
}

type Values = Record<string, string>;
const num = (n: Evidence['numbers'], k: string): number | null => (typeof n[k] === 'number' ? (n[k] as number) : null);

/**
 * Per template: the values it needs, or null when the evidence lacks one (then the generic
 * "<title>: <subject>" line is shown rather than a sentence with holes).
 */
function values(rule: TemplatedRule, a: AlertTextInput, t: TFunction, lang: Lang): { key: string; v: Values } | null {
  const n = a.evidence.numbers;
  const count = (k: string) => (num(n, k) === null ? null : formatCount(num(n, k), lang));
  const p = formatP(a.evidence.test?.p_value);
  const span = spanLength(a.evidence.window.from, a.evidence.window.to, t);
  const need = (v: Record<string, string | null | undefined>): Values | null => (Object.values(v).some((x) => x === null || x === undefined) ? null : (v as Values));
  const key = `alertText.summary.${rule}`;
  switch (rule) {
    case 'high_return_sku': {
      const v = need({ sku: a.subject.sku_id, category: a.labels.category ?? DASH, span, rate: num(n, 'sku_return_rate') === null ? null : formatRate(num(n, 'sku_return_rate')), reference: formatRate(num(n, 'category_return_rate')), ratio: formatTimes(num(n, 'ratio')), orders: count('orders'), returns: count('returns'), p });
      return v && { key, v };
    }
    case 'regional_shipping_delay': {
      const code = a.subject.region_code;
      const v = need({ region: code === undefined ? undefined : regionName(code, t, a.labels.region), span, rate: num(n, 'region_delay_rate') === null ? null : formatRate(num(n, 'region_delay_rate')), reference: formatRate(num(n, 'national_delay_rate')), ratio: formatTimes(num(n, 'ratio')), due: count('due'), late: count('late'), p });
      return v && { key, v };
    }
    case 'merchant_sla': {
      const v = need({ shop: a.subject.shop_id, overdue: count('overdue'), sla: num(n, 'sla_hours') === null ? null : trim(num(n, 'sla_hours')!, 1), waiting: count('waiting'), oldest: num(n, 'oldest_wait_hours') === null ? null : trim(num(n, 'oldest_wait_hours')!, 0) });
      return v && { key, v };
    }
    case 'stage_bottleneck': {
      const from = typeof n.baseline_from === 'string' ? n.baseline_from : null;
      const v = need({
        stage: a.subject.stage === undefined ? undefined : labelValue('stage', a.subject.stage, t, a.labels),
        span,
        recent: num(n, 'recent_p90_hours') === null ? null : trim(num(n, 'recent_p90_hours')!, 1),
        baseSpan: from === null ? null : spanLength(from, a.evidence.window.from, t),
        baseline: num(n, 'baseline_p90_hours') === null ? null : trim(num(n, 'baseline_p90_hours')!, 1),
        ratio: formatTimes(num(n, 'ratio')),
        n: count('recent_completions'),
      });
      return v && { key, v };
    }
    case 'session_refund_spike': {
      const host = a.labels.host_id ?? DASH;
      const basis = n.baseline === 'host' ? t('alertText.basis.host', { host }) : t('alertText.basis.platform');
      const v = need({ session: a.subject.live_session_id, host, rate: num(n, 'session_refund_rate') === null ? null : formatRate(num(n, 'session_refund_rate')), basis, reference: formatRate(num(n, 'baseline_refund_rate')), ratio: formatTimes(num(n, 'ratio')), orders: count('orders'), refunds: count('refunds'), p });
      return v && { key, v };
    }
    case 'risky_host_wording': {
      const recent = a.evidence.details?.recent;
      const last = Array.isArray(recent) ? (recent[recent.length - 1] as { phrase?: unknown } | undefined) : undefined;
      const v = need({ host: a.subject.host_id ?? a.labels.host_id, minutes: count('window_minutes'), hits: count('hits_in_window'), threshold: count('threshold') });
      if (!v) return null;
      return typeof last?.phrase === 'string' ? { key, v: { ...v, phrase: last.phrase } } : { key: `${key}_short`, v };
    }
    case 'viewer_question_spike': {
      const v = need({ session: a.subject.live_session_id, topic: a.subject.topic === undefined ? undefined : topicName(a.subject.topic, t), count: count('count'), span });
      return v && { key, v };
    }
  }
}

/** The one-line summary of an alert in the UI language. */
export function alertSummary(a: AlertTextInput, t: TFunction, lang: Lang): string {
  const rule = templateRule(a);
  const filled = rule ? values(rule, a, t, lang) : null;
  if (filled) return t(filled.key, filled.v);
  return t('alertText.summary.generic', { title: alertTitle(a, t), subject: subjectText(a.subject, t, a.labels) });
}

/** Everything the dashboard shows of an alert, in the UI language. */
export function renderAlert(a: AlertTextInput, t: TFunction, lang: Lang) {
  return {
    title: alertTitle(a, t),
    summary: alertSummary(a, t, lang),
    action: alertAction(a, t),
    numbers: numberRows(a.evidence, t, lang),
    labels: labelRows(a.labels, t),
    test: a.evidence.test ? testLine(a.evidence.test, t) : null,
  };
}
