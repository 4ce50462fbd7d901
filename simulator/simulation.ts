import { generateDay } from './day.ts';
import { Emitter, type SimRecord } from './emitter.ts';
import { planIncidents, type Incident, type IncidentMagnitudes, type IncidentPlan } from './incidents.ts';
import { RecordHeap } from './record-heap.ts';
import { MAX_LIFECYCLE_MS } from './refund-plan.ts';
import { liveRoomEvents, planLiveRooms, type LiveRoomsPlan } from './live-rooms.ts';
import { EPOCH_DAYS, strataFor, type Strata } from './stratifier.ts';
import { DAY, chinaDay, chinaDayStart } from './time.ts';
import { buildWorld, type World } from './world.ts';

export type { SimRecord } from './emitter.ts';

export interface SimulationOptions {
  /** Any integer; the same seed gives the same world and the same events. */
  seed: number;
  /** Inject the incidents of the manifest (default true). */
  incidents?: boolean;
  /** World size multiplier: shops, hosts and SKUs (and so every volume) scale with it. Default 1. */
  scale?: number;
  /**
   * The time incidents are placed around (normally "now" of the run that will backfill up to
   * it). Defaults to the current time, read once here; generation itself never reads the clock.
   */
  anchorMs?: number;
  /** Strength of each planted incident relative to the default plan (see IncidentMagnitudes); omitted: the default plan. */
  incidentMagnitude?: IncidentMagnitudes;
}

export interface Simulation {
  readonly seed: number;
  readonly scale: number;
  readonly anchorMs: number;
  readonly incidentsEnabled: boolean;
  readonly world: World;
  /** Injected incidents, with subject, time span and the alert expected to catch each. */
  readonly incidents: readonly Incident[];
  /**
   * Every event whose occurred_at is in [fromMs, toMs) (toMs may be Infinity), in emission
   * order: by time, except refund steps delivered late or twice on purpose. Streaming: memory
   * holds about one simulated day plus the in-flight tails of earlier days.
   */
  events(fromMs: number, toMs?: number): Generator<SimRecord, void, undefined>;
  /** Extra live rooms from `fromMs` on, sized for `rate` events/s (live-rooms.ts); endless. */
  liveRooms(fromMs: number, rate: number): { plan: LiveRoomsPlan; events: Generator<SimRecord, void, undefined> };
}

/**
 * How far back generation starts so that refund and parcel tails of earlier orders reach the
 * window: a day's events end at most a lifecycle after its last order (sessions may run past
 * midnight and orders trail the session by up to 2 h).
 */
export const LOOKBACK_DAYS = Math.ceil(MAX_LIFECYCLE_MS / DAY) + 2;

export function createSimulation(options: SimulationOptions): Simulation {
  const { seed } = options;
  const scale = options.scale ?? 1;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 1000)) throw new RangeError(`scale must be in (0, 1000], got ${scale}`);
  const anchorMs = Math.floor(options.anchorMs ?? Date.now());
  const incidentsEnabled = options.incidents ?? true;
  const world = buildWorld(seed, scale);
  const { plan, manifest } = incidentsEnabled ? planIncidents(world, anchorMs, options.incidentMagnitude) : { plan: {} as IncidentPlan, manifest: [] };

  return {
    seed,
    scale,
    anchorMs,
    incidentsEnabled,
    world,
    incidents: manifest,
    *events(fromMs: number, toMs = Infinity) {
      if (!(toMs > fromMs)) return;
      const heap = new RecordHeap<SimRecord>();
      const emitter = new Emitter(fromMs, toMs, world.seedHash, heap);
      const lastDay = Number.isFinite(toMs) ? chinaDay(toMs - 1) : Infinity;
      // Start on an epoch boundary so the strata's state is the same whatever the window.
      const firstDay = Math.floor((chinaDay(fromMs) - LOOKBACK_DAYS) / EPOCH_DAYS) * EPOCH_DAYS;
      let strata: Strata | undefined;
      for (let day = firstDay; day <= lastDay; day++) {
        strata = strataFor(world.seedHash, day, strata);
        generateDay(world, plan, day, strata, emitter, fromMs, toMs);
        // Every later day's events happen after that day starts, so everything due before
        // then is final and can go out.
        const settled = chinaDayStart(day + 1);
        while (heap.peekKey() < settled) yield heap.pop() as SimRecord;
      }
      while (heap.size > 0) yield heap.pop() as SimRecord;
    },
    liveRooms(fromMs: number, rate: number) {
      const rooms = planLiveRooms(world, rate);
      return { plan: rooms, events: liveRoomEvents(world, plan, fromMs, rooms) };
    },
  };
}
