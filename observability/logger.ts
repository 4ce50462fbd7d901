import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stderr (stdout stays free for command output such as NDJSON). */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', name = 'radar', destination?: DestinationStream): Logger {
  return pino(
    {
      name,
      level,
      // Secrets never reach a log line: tokens as fields, in request headers, in a query.
      redact: {
        paths: [
          'token',
          '*.token',
          'access_token',
          '*.access_token',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'req.headers.authorization',
          'req.headers.cookie',
          'req.query.access_token',
          'password',
          '*.password',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination(2),
  );
}
