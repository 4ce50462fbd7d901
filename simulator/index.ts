/**
 * Aftersales Radar simulator: deterministic, streaming traffic of a live-commerce platform —
 * orders, refund lifecycles, host speech and viewer comments, carrier scans — with injected
 * incidents recorded in a manifest, plus the sinks and the runner that deliver it.
 */
export { createSimulation, LOOKBACK_DAYS, type Simulation, type SimulationOptions, type SimRecord } from './simulation.ts';
export type { Incident, IncidentKind, AlertRuleName } from './incidents.ts';
export type { World, Shop, Host, Sku } from './world.ts';
export { CATEGORIES, type Category } from './catalog-data.ts';
export { CAUTIONARY_LINES, RISKY_CLAIMS } from './host-phrases.ts';
export { messageKey, KEY_FIELD, type EventSink } from './sink.ts';
export { createHttpSink, HttpSinkError, type HttpSinkOptions } from './http-sink.ts';
export { RecordingSink, NullSink } from './memory-sink.ts';
export { runSimulation, type RunOptions, type RunResult, type RunLog } from './run.ts';
export { EventStats } from './event-stats.ts';
