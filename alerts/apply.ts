import { fingerprintOf } from './fingerprint.ts';
import { matchLabels, step, type RulePolicy } from './lifecycle.ts';
import { silencedBy, type Silences } from './silences.ts';
import type { EventStore } from './store/event-store.ts';
import type { StateStore } from './store/state-store.ts';
import type { AlertEvent, AlertRecord, Clock, GroupResult } from './types.ts';

export interface ApplyDeps {
  states: StateStore;
  events: EventStore;
  silences: Silences;
  clock: Clock;
}

export interface ApplyInput {
  rule: RulePolicy;
  at: number;
  groups: GroupResult[];
  /**
   * Open alerts to reconcile: any of them missing from `groups` has cleared (a group that
   * stops returning data resolves). A scheduled rule passes all of its open alerts; a stream
   * report passes none (it speaks for one subject only).
   */
  open: AlertRecord[];
}

export interface ApplyResult {
  events: AlertEvent[];
  /** Alerts of the rule still pending or firing after this window. */
  open: number;
}

/**
 * Runs the lifecycle for one window of one rule and stores the outcome: the transitions first,
 * then the state. Order matters for a retried attempt: transitions of the same window have the
 * same ids (fingerprint.ts), so writing them again is harmless, and the state row that makes
 * the next window continue from here is only written once they are safe.
 */
export async function applyWindow(deps: ApplyDeps, input: ApplyInput): Promise<ApplyResult> {
  const { rule, at } = input;
  const openByFp = new Map(input.open.map((r) => [r.fingerprint, r]));
  const groupByFp = new Map(input.groups.map((g) => [fingerprintOf(rule.id, g.subject), g]));

  // Groups met now but not open: load their past record, if any, for the history's `from`.
  // A stream report (open = []) also needs the record of an open alert it speaks about.
  const lookup = [...groupByFp].filter(([fp, g]) => !openByFp.has(fp) && (g.met || input.open.length === 0)).map(([fp]) => fp);
  const prevs = new Map(openByFp);
  for (const r of await deps.states.byFingerprints(lookup)) prevs.set(r.fingerprint, r);
  const actions = await deps.states.actionsFor([...prevs.values()].filter((r) => r.state === 'firing'));

  const records: AlertRecord[] = [];
  const events: AlertEvent[] = [];
  const identities = new Set([...openByFp.keys(), ...[...groupByFp].filter(([fp, g]) => g.met || prevs.has(fp)).map(([fp]) => fp)]);
  for (const fp of identities) {
    const out = step({ rule, prev: prevs.get(fp), group: groupByFp.get(fp), at, actions: actions.get(fp) });
    if (out.record) records.push(out.record);
    events.push(...out.events);
  }

  if (events.length > 0) {
    const silences = await deps.silences.active();
    const now = deps.clock.now();
    for (const e of events) e.silencedBy = silencedBy(silences, matchLabels(e), now);
    await deps.events.append(events);
  }
  await deps.states.write(records);
  const open = records.filter((r) => r.state === 'pending' || r.state === 'firing').length;
  const untouched = [...openByFp.keys()].filter((fp) => !records.some((r) => r.fingerprint === fp)).length;
  return { events, open: open + untouched };
}
