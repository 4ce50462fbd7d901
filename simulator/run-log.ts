/**
 * The logger a simulation run writes to — pino-compatible: `log.info({ fields }, 'message')`.
 * Its own module so progress.ts can take it without importing run.ts, which imports progress.ts.
 */
export interface RunLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}
