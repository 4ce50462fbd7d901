import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TRANSPORT_TYPES } from './delivery/transports/index.ts';
import { checkChannel, checkConfig, checkRule, type AlertsConfig, type Channel, type Checked, type Rule } from './rule-schema.ts';
import type { ConfigStore } from './store/config-store.ts';
import type { Clock } from './types.ts';

export const DEFAULT_RULES_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'config', 'alerts.default.json');

export class AlertsConfigError extends Error {}

/** Reads and validates a rules file; throws naming the file and every problem. */
export function loadRulesFile(path = DEFAULT_RULES_FILE): AlertsConfig {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AlertsConfigError(`${path}: ${(err as Error).message}`);
  }
  const checked = checkConfig(doc, TRANSPORT_TYPES);
  if (!checked.ok) throw new AlertsConfigError(`${path}: ${checked.errors.join('; ')}`);
  return checked.value;
}

export type RuleSource = 'default' | 'override' | 'custom';
export interface RuleMeta {
  source: RuleSource;
  updatedBy?: string;
  updatedAt?: number;
}
export interface EffectiveConfig {
  config: AlertsConfig;
  meta: Map<string, RuleMeta>;
  /** Stored overrides that no longer validate (e.g. after an upgrade); they are ignored. */
  problems: string[];
}

/** Objects merge key by key; arrays and scalars replace. */
function merge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = k in out ? merge(out[k], v) : v;
  return out;
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The rules in force: the file's defaults with admin edits from ClickHouse on top (see
 * store/config-store.ts for why edits live there). Re-read at most every `cacheMs`, so an edit
 * made through any API process reaches the engine within that time.
 */
export class RuleConfig {
  private cache: { at: number; value: EffectiveConfig } | undefined;

  constructor(
    private readonly defaults: AlertsConfig,
    private readonly store: Pick<ConfigStore, 'overrides' | 'put' | 'remove'> | undefined,
    private readonly clock: Clock,
    private readonly cacheMs = 30_000,
  ) {}

  async effective(fresh = false): Promise<EffectiveConfig> {
    const now = this.clock.now();
    if (!fresh && this.cache && now >= this.cache.at && now - this.cache.at < this.cacheMs) return this.cache.value;
    const value = await this.compute();
    this.cache = { at: now, value };
    return value;
  }

  async rules(): Promise<Rule[]> {
    return (await this.effective()).config.rules;
  }

  async rule(id: string): Promise<Rule | undefined> {
    return (await this.effective()).config.rules.find((r) => r.id === id);
  }

  /** Creates or edits a rule: `patch` is merged over the current rule (or must be whole for a new one). */
  async putRule(id: string, patch: unknown, actor: string): Promise<Checked<Rule>> {
    const current = (await this.effective(true)).config.rules.find((r) => r.id === id);
    const candidate = merge(current ?? {}, patch);
    if (isObject(candidate)) candidate.id = id;
    const checked = checkRule(candidate);
    if (!checked.ok) return checked;
    if (current && current.kind !== checked.value.kind) return { ok: false, errors: [`/kind: a rule cannot change kind (${current.kind})`] };
    await this.store?.put(`rule:${id}`, checked.value, actor, this.clock.now());
    this.cache = undefined;
    return checked;
  }

  /** Drops the admin edit of a rule: a default rule reverts to the file, a custom rule is gone. */
  async resetRule(id: string, actor: string): Promise<boolean> {
    const meta = (await this.effective(true)).meta.get(id);
    if (!meta || meta.source === 'default') return false;
    await this.store?.remove(`rule:${id}`, actor, this.clock.now());
    this.cache = undefined;
    return true;
  }

  async putChannels(channels: unknown, actor: string): Promise<Checked<Channel[]>> {
    if (!Array.isArray(channels)) return { ok: false, errors: ['/: must be an array of channels'] };
    const out: Channel[] = [];
    const errors: string[] = [];
    channels.forEach((c, i) => {
      const checked = checkChannel(c, TRANSPORT_TYPES, `/${i}`);
      if (checked.ok) out.push(checked.value);
      else errors.push(...checked.errors);
    });
    const dup = out.map((c) => c.id).find((id, i, ids) => ids.indexOf(id) !== i);
    if (dup) errors.push(`duplicate channel id "${dup}"`);
    if (errors.length > 0) return { ok: false, errors };
    await this.store?.put('channels', out, actor, this.clock.now());
    this.cache = undefined;
    return { ok: true, value: out };
  }

  private async compute(): Promise<EffectiveConfig> {
    const rules = new Map<string, Rule>(this.defaults.rules.map((r) => [r.id, r]));
    const meta = new Map<string, RuleMeta>(this.defaults.rules.map((r) => [r.id, { source: 'default' }]));
    let channels = this.defaults.channels;
    const problems: string[] = [];
    for (const o of (await this.store?.overrides()) ?? []) {
      if (o.key === 'channels') {
        const list = Array.isArray(o.body) ? o.body.map((c, i) => checkChannel(c, TRANSPORT_TYPES, `channels/${i}`)) : [];
        const bad = list.flatMap((c) => (c.ok ? [] : c.errors));
        if (bad.length > 0 || !Array.isArray(o.body)) problems.push(`stored channels ignored: ${bad.join('; ') || 'not an array'}`);
        else channels = list.flatMap((c) => (c.ok ? [c.value] : []));
        continue;
      }
      if (!o.key.startsWith('rule:')) continue;
      const id = o.key.slice('rule:'.length);
      const checked = checkRule(o.body, o.key);
      if (!checked.ok || checked.value.id !== id) {
        problems.push(`stored rule ${id} ignored: ${checked.ok ? 'id mismatch' : checked.errors.join('; ')}`);
        continue;
      }
      meta.set(id, { source: rules.has(id) ? 'override' : 'custom', updatedBy: o.updatedBy, updatedAt: o.updatedAt });
      rules.set(id, checked.value);
    }
    return { config: { timezone: this.defaults.timezone, rules: [...rules.values()], channels }, meta, problems };
  }
}
