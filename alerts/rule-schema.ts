import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { validate as validCron } from 'node-cron';
import { AUDIENCES, SEVERITIES } from './types.ts';

/**
 * Alert rules and channels as validated data (the HyperDX lesson): one TypeBox definition
 * gives the TypeScript type, the runtime check of config/alerts.default.json and of every admin
 * edit through the API, and the JSON Schema served in /docs.
 */

const Id = Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$', description: 'snake_case id' });
const Ratio = (description: string) => Type.Number({ exclusiveMinimum: 1, maximum: 100, description });
const Alpha = Type.Number({ exclusiveMinimum: 0, maximum: 0.5, description: 'Significance level of the one-sided exact binomial test' });

const Common = {
  id: Id,
  title: Type.String({ minLength: 1, maxLength: 200 }),
  enabled: Type.Boolean(),
  pendingWindows: Type.Integer({ minimum: 1, maximum: 100, description: 'Consecutive windows (or reports) the condition must hold before firing' }),
  repeatIntervalMinutes: Type.Integer({
    minimum: 0,
    maximum: 10_080,
    description: "Alertmanager's repeat_interval: re-send a group (and record a per-alert repeat) that still has firing, unacknowledged members this often; 0 = never",
  }),
  groupBy: Type.Optional(
    Type.Array(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', maxLength: 64 }), {
      maxItems: 10,
      uniqueItems: true,
      description: "Alertmanager's group_by: alerts of this rule with equal values of these labels are one group and one notification; [] = the whole rule is one group",
    }),
  ),
  groupWaitSeconds: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 3_600, description: "group_wait: a new group waits this long before its first notification, so a burst arrives as one" }),
  ),
  groupIntervalSeconds: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 86_400, description: 'group_interval: changes to a group already notified are sent at most this often' }),
  ),
  severity: Type.Enum([...SEVERITIES]),
  audiences: Type.Array(Type.Enum([...AUDIENCES]), { minItems: 1, uniqueItems: true }),
  action: Type.String({ minLength: 1, maxLength: 500, description: 'Suggested action shown with every alert' }),
};
const Scheduled = { ...Common, schedule: Type.String({ minLength: 9, maxLength: 100, description: 'node-cron expression (5 or 6 fields) in the config timezone' }) };

const strict = { additionalProperties: false } as const;

export const HighReturnSkuRule = Type.Object(
  {
    ...Scheduled,
    kind: Type.Literal('high_return_sku'),
    params: Type.Object(
      {
        windowDays: Type.Integer({ minimum: 1, maximum: 60, description: 'Order-date cohort length' }),
        ratio: Ratio("SKU rate must exceed ratio × the rest of its category's rate"),
        minOrders: Type.Integer({ minimum: 1, description: 'Orders in the cohort before a SKU is judged' }),
        alpha: Alpha,
      },
      strict,
    ),
  },
  strict,
);

export const RegionalDelayRule = Type.Object(
  {
    ...Scheduled,
    kind: Type.Literal('regional_shipping_delay'),
    params: Type.Object(
      {
        windowHours: Type.Integer({ minimum: 1, maximum: 168, description: 'Shipments whose promised time fell in this many hours' }),
        ratio: Ratio('Region delay rate must exceed ratio × the rest of the country'),
        minDue: Type.Integer({ minimum: 1, description: 'Shipments due in the window before a region is judged' }),
        alpha: Alpha,
        // Accepted so stored rules that still carry it load; the rule reads the KPI's shipment
        // facts, which need no look-back (sql/alerts/regional_shipping_delay.sql, issue #21).
        scanLookbackDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, description: 'Ignored (no look-back since the rule reads the KPI facts)' })),
      },
      strict,
    ),
  },
  strict,
);

export const MerchantSlaRule = Type.Object(
  {
    ...Scheduled,
    kind: Type.Literal('merchant_sla'),
    params: Type.Object(
      {
        slaHours: Type.Integer({ minimum: 1, maximum: 720, description: 'A merchant must decide within this many hours' }),
        minOverdue: Type.Integer({ minimum: 1, description: 'Overdue refunds of one shop before it is flagged' }),
        // Accepted so stored rules that still carry it load; the rule counts the KPI's decision
        // stage, which has no look-back (sql/alerts/merchant_sla.sql, issue #21).
        lookbackDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 180, description: 'Ignored (no look-back since the rule reads the KPI facts)' })),
      },
      strict,
    ),
  },
  strict,
);

export const StageBottleneckRule = Type.Object(
  {
    ...Scheduled,
    kind: Type.Literal('stage_bottleneck'),
    params: Type.Object(
      {
        recentHours: Type.Integer({ minimum: 1, maximum: 168 }),
        baselineDays: Type.Integer({ minimum: 1, maximum: 60, description: 'The level: the days before the recent window' }),
        ratio: Ratio("Recent p90 must exceed ratio × the stage's baseline p90"),
        minSamples: Type.Integer({ minimum: 1, description: 'Stage completions in the recent window' }),
        minBaselineSamples: Type.Integer({ minimum: 1, description: 'Stage completions in the baseline' }),
      },
      strict,
    ),
  },
  strict,
);

export const SessionRefundSpikeRule = Type.Object(
  {
    ...Scheduled,
    kind: Type.Literal('session_refund_spike'),
    params: Type.Object(
      {
        lookbackDays: Type.Integer({ minimum: 1, maximum: 30, description: 'Sessions whose first order is this recent are judged' }),
        baselineDays: Type.Integer({ minimum: 1, maximum: 90, description: "The host's earlier sessions this far before the session form its usual rate" }),
        ratio: Ratio("Session rate must exceed ratio × the host's usual rate"),
        minOrders: Type.Integer({ minimum: 1 }),
        minBaselineOrders: Type.Integer({ minimum: 1, description: 'Below this the platform-wide rate is the baseline' }),
        alpha: Alpha,
      },
      strict,
    ),
  },
  strict,
);

/** A rule evaluated in the stream by another module, which reports through AlertEngine.report(). */
export const ExternalRule = Type.Object(
  {
    ...Common,
    kind: Type.Literal('external'),
    params: Type.Object(
      {
        resolveAfterMinutes: Type.Integer({ minimum: 1, maximum: 10_080, description: 'Resolve when no firing report arrived for this long' }),
        stream: Type.Optional(
          Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean()]), {
            description: 'Thresholds read by the stream rule that reports (e.g. burstThreshold)',
          }),
        ),
      },
      strict,
    ),
  },
  strict,
);

export const RULE_SCHEMAS = {
  high_return_sku: HighReturnSkuRule,
  regional_shipping_delay: RegionalDelayRule,
  merchant_sla: MerchantSlaRule,
  stage_bottleneck: StageBottleneckRule,
  session_refund_spike: SessionRefundSpikeRule,
  external: ExternalRule,
} as const;
export type RuleKind = keyof typeof RULE_SCHEMAS;
export const RULE_KINDS = Object.keys(RULE_SCHEMAS) as RuleKind[];

export type HighReturnSkuRule = Type.Static<typeof HighReturnSkuRule>;
export type RegionalDelayRule = Type.Static<typeof RegionalDelayRule>;
export type MerchantSlaRule = Type.Static<typeof MerchantSlaRule>;
export type StageBottleneckRule = Type.Static<typeof StageBottleneckRule>;
export type SessionRefundSpikeRule = Type.Static<typeof SessionRefundSpikeRule>;
export type ExternalRule = Type.Static<typeof ExternalRule>;
export type ScheduledRule = HighReturnSkuRule | RegionalDelayRule | MerchantSlaRule | StageBottleneckRule | SessionRefundSpikeRule;
export type Rule = ScheduledRule | ExternalRule;

export const MatcherSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', maxLength: 64 }),
    op: Type.Enum(['=', '!=', '=~', '!~']),
    value: Type.String({ maxLength: 256 }),
  },
  strict,
);

export const ChannelSchema = Type.Object(
  {
    id: Id,
    type: Type.String({ minLength: 1, maxLength: 32, description: 'Transport: webhook, dingtalk, slack… (alerts/delivery/transports)' }),
    url: Type.String({ pattern: '^https?://', maxLength: 2000 }),
    audience: Type.Enum([...AUDIENCES], { description: 'Alerts whose rule names this audience go here' }),
    enabled: Type.Boolean(),
    match: Type.Optional(Type.Array(MatcherSchema, { maxItems: 20, description: 'Only alerts whose labels match, e.g. category = 服饰' })),
    notifyOn: Type.Optional(Type.Array(Type.Enum(['firing', 'repeat', 'resolved', 'acknowledged']), { uniqueItems: true })),
    grouped: Type.Optional(
      Type.Boolean({ description: "true (default): one message per group notification (the rule's groupBy / groupWait / groupInterval); false: one message per alert transition" }),
    ),
    headers: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  strict,
);
export type Channel = Type.Static<typeof ChannelSchema>;

export const AlertsConfigSchema = Type.Object(
  {
    timezone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone of the cron schedules' }),
    rules: Type.Array(Type.Unknown()),
    channels: Type.Array(ChannelSchema),
  },
  strict,
);

const compiledRules = Object.fromEntries(RULE_KINDS.map((k) => [k, Compile(RULE_SCHEMAS[k])])) as Record<RuleKind, ReturnType<typeof Compile>>;
const compiledChannel = Compile(ChannelSchema);
const compiledConfig = Compile(AlertsConfigSchema);

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: string[] };

function errorsOf(compiled: ReturnType<typeof Compile>, value: unknown, prefix: string): string[] {
  const out: string[] = [];
  for (const e of compiled.Errors(value)) {
    const line = `${prefix}${e.instancePath || '/'}: ${e.message}`;
    if (!out.includes(line)) out.push(line);
    if (out.length >= 8) break;
  }
  return out;
}

/** Validates one rule against the schema of its `kind` (errors name the field). */
export function checkRule(value: unknown, prefix = ''): Checked<Rule> {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !(kind in RULE_SCHEMAS)) {
    return { ok: false, errors: [`${prefix}/kind: must be one of ${RULE_KINDS.join(', ')}`] };
  }
  const compiled = compiledRules[kind as RuleKind];
  if (!compiled.Check(value)) return { ok: false, errors: errorsOf(compiled, value, prefix) };
  const rule = value as Rule;
  if (rule.kind !== 'external' && !validCron(rule.schedule)) {
    return { ok: false, errors: [`${prefix}/schedule: not a valid cron expression: ${rule.schedule}`] };
  }
  return { ok: true, value: rule };
}

export function checkChannel(value: unknown, knownTypes: readonly string[], prefix = ''): Checked<Channel> {
  if (!compiledChannel.Check(value)) return { ok: false, errors: errorsOf(compiledChannel, value, prefix) };
  const channel = value as Channel;
  if (!knownTypes.includes(channel.type)) {
    return { ok: false, errors: [`${prefix}/type: unknown transport "${channel.type}" (known: ${knownTypes.join(', ')})`] };
  }
  return { ok: true, value: channel };
}

export interface AlertsConfig {
  timezone: string;
  rules: Rule[];
  channels: Channel[];
}

/** Validates a whole configuration document; rule and channel ids must be unique. */
export function checkConfig(value: unknown, knownTypes: readonly string[]): Checked<AlertsConfig> {
  if (!compiledConfig.Check(value)) return { ok: false, errors: errorsOf(compiledConfig, value, '') };
  const doc = value as { timezone: string; rules: unknown[]; channels: unknown[] };
  const errors: string[] = [];
  const rules: Rule[] = [];
  const channels: Channel[] = [];
  doc.rules.forEach((r, i) => {
    const c = checkRule(r, `/rules/${i}`);
    if (c.ok) rules.push(c.value);
    else errors.push(...c.errors);
  });
  doc.channels.forEach((ch, i) => {
    const c = checkChannel(ch, knownTypes, `/channels/${i}`);
    if (c.ok) channels.push(c.value);
    else errors.push(...c.errors);
  });
  for (const [what, ids] of [['rule', rules.map((r) => r.id)], ['channel', channels.map((c) => c.id)]] as const) {
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) errors.push(`duplicate ${what} id "${dup}"`);
  }
  if (!isTimezone(doc.timezone)) errors.push(`/timezone: unknown time zone "${doc.timezone}"`);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { timezone: doc.timezone, rules, channels } };
}

function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
