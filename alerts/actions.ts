import { eventOf } from './lifecycle.ts';
import { actorOf, canAct, type Viewer } from './scope.ts';
import type { Silences } from './silences.ts';
import { silencedBy } from './silences.ts';
import { matchLabels } from './lifecycle.ts';
import type { EventStore } from './store/event-store.ts';
import type { AlertView, StateStore } from './store/state-store.ts';
import type { AlertEvent, AlertRecord, Clock } from './types.ts';

export class ActionError extends Error {
  constructor(
    message: string,
    readonly status: 403 | 404 | 409,
  ) {
    super(message);
  }
}

/**
 * Human transitions (acknowledge, resolve) from the API. They are written as an action row
 * (which the engine reads before its next evaluation of the alert) and as a transition event
 * (which every API process's SSE feed picks up and the engine's notifier may deliver) — the
 * engine's own state row is never touched here, so nothing races with an evaluation.
 */
export class AlertActions {
  constructor(
    private readonly states: StateStore,
    private readonly events: EventStore,
    private readonly silences: Silences,
    private readonly clock: Clock,
  ) {}

  async acknowledge(fingerprint: string, viewer: Viewer, comment = ''): Promise<AlertEvent> {
    const alert = await this.visible(fingerprint, viewer);
    if (alert.state === 'acknowledged') throw new ActionError('already acknowledged', 409);
    if (alert.state !== 'firing') throw new ActionError(`only a firing alert can be acknowledged (it is ${alert.state})`, 409);
    return this.write(alert, 'acknowledge', viewer, comment);
  }

  async resolve(fingerprint: string, viewer: Viewer, comment = ''): Promise<AlertEvent> {
    const alert = await this.visible(fingerprint, viewer);
    if (alert.state !== 'firing' && alert.state !== 'acknowledged') {
      throw new ActionError(`only a firing or acknowledged alert can be resolved (it is ${alert.state})`, 409);
    }
    return this.write(alert, 'resolve', viewer, comment);
  }

  private async visible(fingerprint: string, viewer: Viewer): Promise<AlertView> {
    const [alert] = await this.states.list({ fingerprints: [fingerprint], limit: 1 }, viewer);
    if (!alert) throw new ActionError(`alert ${fingerprint} not found`, 404);
    if (!canAct(viewer, alert)) throw new ActionError(`a ${viewer.role} token cannot change this alert`, 403);
    return alert;
  }

  private async write(alert: AlertView, action: 'acknowledge' | 'resolve', viewer: Viewer, comment: string): Promise<AlertEvent> {
    const at = this.clock.now();
    const actor = actorOf(viewer);
    await this.states.addAction({ fingerprint: alert.fingerprint, episode: alert.episode, action, actor, comment, at });
    const record: AlertRecord = { ...alert, state: 'firing' };
    const transition = action === 'acknowledge' ? 'acknowledged' : 'resolved';
    const event = eventOf(record, transition, alert.state, at, 0, actor);
    event.silencedBy = silencedBy(await this.silences.active(), matchLabels(event), at);
    if (comment) event.evidence = { ...event.evidence, details: { ...event.evidence.details, comment } };
    await this.events.append([event]);
    return event;
  }
}
