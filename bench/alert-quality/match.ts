import type { AlertRuleName } from '../../simulator/incidents.ts';
import type { FiredAlert, PlantedIncident } from './world.ts';

/**
 * Matching alerts to planted incidents. An alert catches an incident when it is of the
 * incident's expected rule, names the incident's subject, and fires within the incident's span
 * plus a grace (refunds and overdue requests arrive after the cause: GRACE_MS per rule). An
 * alert of a rule listed in an incident's mayAlsoTrigger, on a subject of that incident, is a
 * side effect, not a false alert. Anything else is a false alert. A firing counts once per
 * episode (the lifecycle's `firing` transition); re-firings of a caught incident are counted
 * apart (flapping), not as false alerts.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** After an incident's end, how long its alert may still legitimately fire (why in the comment of each). */
export const GRACE_MS: Record<string, number> = {
  // Orders of the spike window are refunded days later (delivery + request delay); the 7-day cohort keeps them.
  high_return_sku: 7 * DAY,
  // A session's refunds trail it by up to ~2 weeks of delivery and request delay.
  session_refund_spike: 7 * DAY,
  // Requests of the silence become overdue 48 h after they were made, and stay overdue until answered.
  merchant_sla: 3 * DAY,
  // The 24 h due window still holds late parcels for a day after the backlog clears.
  regional_shipping_delay: 1 * DAY,
  // A stage is judged by its completions, which stay in the 24 h window a day: payouts of the
  // backlog complete up to ~1.5 d after it (12 h × factor); requests of a merchant's silence are
  // decided up to 59 h after it (escalated ≥ 49 h after the request + 4 h, approved 1–6 h later).
  stage_bottleneck: 3.5 * DAY,
  // Stream rules judge the live stream: a burst or flood is reported within minutes.
  risky_host_wording: 30 * 60_000,
  viewer_question_spike: 30 * 60_000,
};

/** The subject label each rule's alert is keyed by, and its name in the manifest. */
const SUBJECT_KEYS: Record<AlertRuleName, readonly string[]> = {
  high_return_sku: ['sku_id'],
  regional_shipping_delay: ['region_code'],
  merchant_sla: ['shop_id'],
  session_refund_spike: ['live_session_id'],
  risky_host_wording: ['host_id', 'live_session_id'],
  // The alert's topic is the classifier's id (material), the manifest's is the label (材质): the session decides.
  viewer_question_spike: ['live_session_id'],
  stage_bottleneck: ['stage'],
};

/** Does `alert` name the subject of `incident` (for the alert's rule)? */
export function sameSubject(alert: FiredAlert, incident: PlantedIncident): boolean {
  const keys = SUBJECT_KEYS[alert.rule as AlertRuleName] ?? Object.keys(alert.subject);
  const subject = incident.subject as Record<string, string | undefined>;
  return keys.every((k) => alert.subject[k] !== undefined && alert.subject[k] === subject[k]);
}

function within(alert: FiredAlert, incident: PlantedIncident): boolean {
  return alert.at >= incident.startMs && alert.at <= incident.endMs + (GRACE_MS[alert.rule] ?? 0);
}

export interface IncidentOutcome {
  incident: PlantedIncident;
  caught: boolean;
  /** First matching firing − incident start (ms). */
  delayMs: number | undefined;
  /** Further firings (new episodes) on the same incident. */
  refirings: number;
  clear: boolean;
}

export interface WorldScore {
  outcomes: IncidentOutcome[];
  falseAlerts: FiredAlert[];
  sideEffects: FiredAlert[];
}

export function scoreWorld(incidents: readonly PlantedIncident[], alerts: readonly FiredAlert[]): WorldScore {
  const outcomes: IncidentOutcome[] = incidents.map((incident) => ({
    incident, caught: false, delayMs: undefined, refirings: 0, clear: incident.effect >= incident.documentedEffect,
  }));
  const falseAlerts: FiredAlert[] = [];
  const sideEffects: FiredAlert[] = [];
  for (const alert of [...alerts].sort((a, b) => a.at - b.at)) {
    const hit = outcomes.find((o) => o.incident.expectedAlert.rule === alert.rule && sameSubject(alert, o.incident) && within(alert, o.incident));
    if (hit) {
      if (hit.caught) hit.refirings++;
      else {
        hit.caught = true;
        hit.delayMs = alert.at - hit.incident.startMs;
      }
      continue;
    }
    const side = incidents.some((i) => i.mayAlsoTrigger.includes(alert.rule as AlertRuleName) && overlapsSubject(alert, i) && within(alert, i));
    (side ? sideEffects : falseAlerts).push(alert);
  }
  return { outcomes, falseAlerts, sideEffects };
}

/** A side effect names something of the incident: one of its subject's labels appears in the alert's labels. */
function overlapsSubject(alert: FiredAlert, incident: PlantedIncident): boolean {
  const labels = { ...alert.labels, ...alert.subject };
  return Object.entries(incident.subject).some(([k, v]) => v !== undefined && labels[k] === v);
}
