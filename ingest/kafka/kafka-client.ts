import { Kafka, logLevel, type LogEntry, type RetryOptions } from 'kafkajs';
import type { Logger } from '../../observability/logger.ts';

/**
 * Client-level retries: a request is retried for roughly half a minute (a broker restart, a
 * leader moving) before kafkajs gives up; a consumer that gives up crashes and restarts itself,
 * so recovery never needs an operator.
 */
const CLIENT_RETRY: RetryOptions = { initialRetryTime: 300, maxRetryTime: 10_000, retries: 8 };

/** kafkajs logs routed into our pino logger, so one process writes one log format. */
function pinoLogCreator(log: Logger) {
  return () =>
    ({ namespace, level, log: entry }: LogEntry) => {
      const { message, timestamp: _ts, logger: _l, ...extra } = entry;
      const fields = { kafkajs: namespace, ...extra };
      // kafkajs logs every error response at ERROR, retriable ones included (a coordinator not
      // elected yet, a leader moving); those are warnings until kafkajs gives up, which it
      // reports itself (and the consumer's crash handler logs at error).
      if (level === logLevel.ERROR && namespace !== 'Connection') log.error(fields, message);
      else if (level <= logLevel.WARN) log.warn(fields, message);
      else if (level === logLevel.INFO) log.info(fields, message);
      else log.debug(fields, message);
    };
}

/**
 * kafkajs at INFO narrates every group join; that is only worth reading when debugging, and our
 * own log lines already say when the group was joined and what was assigned.
 */
function kafkajsLevel(log: Logger): logLevel {
  if (log.isLevelEnabled('trace')) return logLevel.DEBUG;
  if (log.isLevelEnabled('debug')) return logLevel.INFO;
  if (log.isLevelEnabled('warn')) return logLevel.WARN;
  return log.isLevelEnabled('error') ? logLevel.ERROR : logLevel.NOTHING;
}

export function createKafka(brokers: string, clientId: string, log: Logger): Kafka {
  return new Kafka({
    clientId,
    brokers: brokers.split(',').map((b) => b.trim()).filter(Boolean),
    logLevel: kafkajsLevel(log),
    logCreator: pinoLogCreator(log),
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: CLIENT_RETRY,
  });
}
