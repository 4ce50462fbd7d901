import { pino, type DestinationStream, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { writeStderr } from './terminal.ts';

export type { Logger };

/** `RADAR_LOG_FORMAT`: what the setting says; `auto` decides by whether a person is watching. */
export type LogFormatSetting = 'auto' | 'pretty' | 'json';
export type LogFormat = 'pretty' | 'json';

/**
 * A terminal gets readable lines; a pipe, a file or a container's log collector gets one JSON
 * object a line, which tools parse and which the product's own tests read. Logs go to stderr,
 * so it is stderr's being a terminal that decides (stdout carries command output such as NDJSON).
 */
export function chooseLogFormat(setting: LogFormatSetting, stderrIsTTY: boolean): LogFormat {
  if (setting === 'auto') return stderrIsTTY ? 'pretty' : 'json';
  return setting;
}

// Secrets never reach a log line: tokens as fields, in request headers, in a query.
const REDACT = [
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
];

/**
 * Readable lines: time, level, the role when there is one, the message, then the other fields
 * on the same line (an error's stack on the lines below). pid, hostname and the logger's name
 * are the same on every line of one process and only cost width.
 */
export function prettyDestination(write: (text: string) => void = writeStderr, colorize = process.stderr.isTTY === true): DestinationStream {
  const format = prettyFactory({
    colorize,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,name,role',
    singleLine: true,
    messageFormat: '{if role}{role}: {end}{msg}',
  });
  return { write: (line: string) => write(format(line)) };
}

/** Logs on stderr (stdout stays free for command output such as NDJSON), pretty or JSON. */
export function createLogger(
  level = process.env.LOG_LEVEL ?? 'info',
  name = 'radar',
  destination?: DestinationStream,
  format: LogFormatSetting = 'auto',
): Logger {
  const chosen = chooseLogFormat(format, process.stderr.isTTY === true);
  // JSON still goes through writeStderr so that a forced `json` on a terminal keeps clear of the bar.
  const target = destination ?? (chosen === 'pretty' ? prettyDestination() : { write: writeStderr });
  return pino({ name, level, redact: { paths: REDACT, censor: '[redacted]' } }, target);
}

/** The logger a command runs with: the configured level and format (LOG_LEVEL, RADAR_LOG_FORMAT). */
export function commandLogger(config: { logLevel: string; logFormat: LogFormatSetting }, name = 'radar', level = config.logLevel): Logger {
  return createLogger(level, name, undefined, config.logFormat);
}
