import { createHash } from 'node:crypto';
import type { Labels, Transition } from './types.ts';

const sha = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);

/** Labels with sorted keys, as JSON: the same subject always gives the same text. */
export function canonicalLabels(labels: Labels): string {
  const sorted: Labels = {};
  for (const key of Object.keys(labels).sort()) sorted[key] = labels[key]!;
  return JSON.stringify(sorted);
}

/**
 * Alert identity: rule + subject (Alertmanager's fingerprint of labels). Context labels
 * (category, shop) are deliberately not part of it, so a SKU re-categorised mid-episode stays
 * the same alert.
 */
export function fingerprintOf(rule: string, subject: Labels): string {
  return sha(`${rule}\u0000${canonicalLabels(subject)}`, 20);
}

/**
 * An episode is identified by where it started; deterministic, so two engines (or a retried
 * evaluation) that open the same episode in the same window agree on its id.
 */
export function episodeOf(fingerprint: string, startedAt: number): string {
  return sha(`${fingerprint}\u0000${startedAt}`, 16);
}

/**
 * One id per transition of an episode (repeat notifications are numbered), so a transition
 * written twice is one event after the table merges, and readers dedupe by it.
 */
export function eventIdOf(fingerprint: string, episode: string, transition: Transition, n = 0): string {
  return sha(`${fingerprint}\u0000${episode}\u0000${transition}\u0000${n}`, 32);
}

/**
 * Webhook idempotency key: alert fingerprint + episode + transition (with its repeat number) +
 * channel. The episode is part of it because the same alert firing again next week is a new
 * notification a receiver must not drop as a duplicate.
 */
export function idempotencyKeyOf(eventId: string, channel: string): string {
  return sha(`${eventId}\u0000${channel}`, 40);
}

/**
 * Group identity: rule + the values of its groupBy labels. Label names are part of the hash,
 * so `{ category: 服饰 }` and `{ host_id: 服饰 }` are different groups.
 */
export function groupKeyOf(rule: string, groupLabels: Labels): string {
  return sha(`group\u0000${rule}\u0000${canonicalLabels(groupLabels)}`, 24);
}

/** One id per notification of a group; `seq` counts the group's notifications (never reset). */
export function groupNotificationIdOf(groupKey: string, seq: number): string {
  return sha(`${groupKey}\u0000notification\u0000${seq}`, 32);
}
