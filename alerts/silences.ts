import { randomUUID } from 'node:crypto';
import { RE2JS } from 're2js';
import type { SilenceStore } from './store/silence-store.ts';
import type { Clock, Labels, Matcher, Silence } from './types.ts';

/**
 * Silences as Alertmanager users know them: label matchers (=, !=, =~, !~; regexes are
 * anchored) plus a time range. Matchers see the alert's labels and `alertname`/`rule`,
 * `severity`. A silenced transition is still recorded in the history (with silenced_by), but
 * no webhook is sent and the SSE feed hides it unless asked to include silenced alerts.
 */

/**
 * Matcher regexes come from tokens (an ops user's silence, an admin's channel), and the API,
 * ingest and the alert engine share one thread: a backtracking engine let `(\w|\w|\w)*Z`
 * hold every request for seconds (issue #20). RE2 syntax (what Alertmanager uses, too) runs in
 * time linear in the input; re2js is its pure-JS port — no native build to fail on a Node
 * upgrade, unlike the `re2` binding. RE2 has no backreferences or lookaround: such a pattern is
 * refused as invalid when the matcher is created.
 */
export const MAX_PATTERN_LENGTH = 256;

const regexCache = new Map<string, RE2JS>();

function regex(pattern: string): RE2JS {
  let re = regexCache.get(pattern);
  if (!re) {
    if (pattern.length > MAX_PATTERN_LENGTH) throw new Error(`longer than ${MAX_PATTERN_LENGTH} characters`);
    // matches() is anchored at both ends, as Alertmanager's matchers are.
    re = RE2JS.compile(pattern);
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(pattern, re);
  }
  return re;
}

export function matcherHolds(m: Matcher, labels: Labels): boolean {
  const value = labels[m.name] ?? '';
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return regex(m.value).matches(value);
    case '!~':
      return !regex(m.value).matches(value);
  }
}

export function matchesAll(matchers: readonly Matcher[], labels: Labels): boolean {
  return matchers.every((m) => matcherHolds(m, labels));
}

/** Ids of the silences in force at `at` whose matchers all hold for `labels`. */
export function silencedBy(silences: readonly Silence[], labels: Labels, at: number): string[] {
  return silences.filter((s) => s.startsAt <= at && at < s.endsAt && matchesAll(s.matchers, labels)).map((s) => s.id);
}

/** Problems with a matcher list; a silence must not match everything (Alertmanager's rule). */
export function matcherErrors(matchers: readonly Matcher[]): string[] {
  const errors: string[] = [];
  if (matchers.length === 0) errors.push('at least one matcher is required');
  for (const m of matchers) {
    if (m.op === '=~' || m.op === '!~') {
      try {
        regex(m.value);
      } catch (err) {
        errors.push(`matcher ${m.name}${m.op}${m.value}: invalid regex (${(err as Error).message})`);
      }
    }
  }
  if (errors.length === 0 && matchers.length > 0 && matchesAll(matchers, {})) {
    errors.push('the matchers would match every alert; add one that requires a non-empty label');
  }
  return errors;
}

export interface SilenceInput {
  matchers: Matcher[];
  startsAt?: number;
  endsAt: number;
  comment?: string;
}

export class SilenceError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404,
  ) {
    super(message);
  }
}

/** Silence CRUD with validation, and a short-lived cache of those in force for the hot path. */
export class Silences {
  private cache: { at: number; list: Silence[] } | undefined;

  constructor(
    private readonly store: SilenceStore,
    private readonly clock: Clock,
    private readonly cacheMs = 2_000,
  ) {}

  /** Silences in force now (cached for a moment; changes through this object clear the cache). */
  async active(): Promise<Silence[]> {
    const now = this.clock.now();
    if (this.cache && now - this.cache.at < this.cacheMs && now >= this.cache.at) return this.cache.list;
    const list = await this.store.list({ activeAt: now });
    this.cache = { at: now, list };
    return list;
  }

  list(includeExpired: boolean): Promise<Silence[]> {
    return this.store.list(includeExpired ? {} : { activeAt: this.clock.now() });
  }

  get(id: string): Promise<Silence | undefined> {
    return this.store.get(id);
  }

  async create(input: SilenceInput, actor: string): Promise<Silence> {
    const now = this.clock.now();
    const silence: Silence = {
      id: randomUUID(),
      matchers: input.matchers,
      startsAt: input.startsAt ?? now,
      endsAt: input.endsAt,
      createdBy: actor,
      comment: input.comment ?? '',
      createdAt: now,
      updatedAt: now,
    };
    this.validate(silence, now);
    await this.store.put(silence);
    this.cache = undefined;
    return silence;
  }

  async update(id: string, input: SilenceInput, actor: string): Promise<Silence> {
    const existing = await this.store.get(id);
    if (!existing) throw new SilenceError(`silence ${id} not found`, 404);
    const now = this.clock.now();
    const silence: Silence = {
      ...existing,
      matchers: input.matchers,
      startsAt: input.startsAt ?? existing.startsAt,
      endsAt: input.endsAt,
      comment: input.comment ?? existing.comment,
      createdBy: existing.createdBy || actor,
      updatedAt: now,
    };
    this.validate(silence, now);
    await this.store.put(silence);
    this.cache = undefined;
    return silence;
  }

  /** Deletes a silence (it stops applying at once). */
  async expire(id: string): Promise<void> {
    const existing = await this.store.get(id);
    if (!existing) throw new SilenceError(`silence ${id} not found`, 404);
    await this.store.remove(existing, this.clock.now());
    this.cache = undefined;
  }

  private validate(s: Silence, now: number): void {
    const errors = matcherErrors(s.matchers);
    if (!(s.endsAt > s.startsAt)) errors.push('endsAt must be after startsAt');
    if (!(s.endsAt > now)) errors.push('endsAt must be in the future');
    if (errors.length > 0) throw new SilenceError(errors.join('; '), 400);
  }
}
