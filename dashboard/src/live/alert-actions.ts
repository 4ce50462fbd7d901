import { apiFetch } from '../api/http.ts';
import type { AlertEventJson, Matcher, SilenceJson } from '../api/live-types.ts';

/** Alert actions of the API (POST /v1/alerts/:fp/ack|resolve, silences). */
export async function actOnAlert(fingerprint: string, action: 'ack' | 'resolve', comment = ''): Promise<AlertEventJson> {
  const r = await apiFetch<{ event: AlertEventJson }>(`/v1/alerts/${encodeURIComponent(fingerprint)}/${action}`, {
    method: 'POST',
    body: comment ? { comment } : {},
  });
  return r.event;
}

export async function createSilence(matchers: Matcher[], endsAt: Date, comment: string): Promise<SilenceJson> {
  return apiFetch<SilenceJson>('/v1/alerts/silences', { method: 'POST', body: { matchers, ends_at: endsAt.toISOString(), comment } });
}

export async function expireSilence(id: string): Promise<void> {
  await apiFetch<unknown>(`/v1/alerts/silences/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/**
 * Acks a group (POST /v1/alerts/groups/:key/ack: every firing member in the caller's scope).
 * Without an engine group key (an API before grouping) each firing member is acked in turn.
 */
export async function ackGroup(group: { key: string; serverKey: boolean; firing: string[] }, comment = ''): Promise<number> {
  if (group.serverKey) {
    const r = await apiFetch<{ acknowledged: number }>(`/v1/alerts/groups/${encodeURIComponent(group.key)}/ack`, { method: 'POST', body: comment ? { comment } : {} });
    return r.acknowledged;
  }
  let n = 0;
  for (const fp of group.firing) {
    await actOnAlert(fp, 'ack', comment);
    n++;
  }
  return n;
}
