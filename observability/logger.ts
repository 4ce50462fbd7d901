import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stderr (stdout stays free for command output such as NDJSON). */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', name = 'radar'): Logger {
  return pino(
    {
      name,
      level,
      redact: { paths: ['token', '*.token', 'authorization', '*.authorization', 'password', '*.password'], censor: '[redacted]' },
    },
    pino.destination(2),
  );
}
