/**
 * What a failed insert means for its rows. Three answers:
 *
 * - `outage`: the engine (or the way to it) is unwell — no answer at all, a timeout, memory,
 *   disk, a read-only replica, too many parts waiting for merges. Not the rows' fault: the batch
 *   goes back to its caller whole, which retries (Kafka: pause and read again; HTTP: 503).
 * - `split`: the batch as a whole is too much for one insert (more partitions than
 *   max_partitions_per_insert_block). Halving it always ends the error; no row is at fault.
 * - `data`: anything else the engine answered with an error code. Bisection narrows it to the
 *   rows that cause it, which become dead letters with the engine's reason.
 *
 * Why "anything else" is data rather than a list of parse codes: the probe of issue #20 found
 * refusals (CANNOT_PARSE_ESCAPE_SEQUENCE for a lone surrogate, TOO_DEEP_RECURSION for a deep
 * unknown field) that a list of parse codes missed, and a missed code is a Kafka partition
 * retried forever. A code wrongly taken for data costs dead letters that keep their raw bytes
 * and can be replayed; a code wrongly taken for an outage stalls the stream. So the outage list
 * is the closed one, and a batch that fails row by row with it would still be retried.
 */
export type InsertFailure = 'outage' | 'split' | 'data';

/** ClickHouse codes that say the server, not the input, is the trouble. */
const OUTAGE_CODES = new Set([
  '3', // UNEXPECTED_END_OF_FILE (a cut connection)
  '60', // UNKNOWN_TABLE (migrations not applied: an operator's job, not the rows')
  '74', // CANNOT_READ_FROM_FILE_DESCRIPTOR
  '75', // CANNOT_WRITE_TO_FILE_DESCRIPTOR
  '76', // CANNOT_OPEN_FILE (the embedded insert's temporary file)
  '81', // UNKNOWN_DATABASE
  '107', // FILE_DOESNT_EXIST
  '159', // TIMEOUT_EXCEEDED
  '164', // READONLY
  '173', // CANNOT_ALLOCATE_MEMORY
  '194', // REQUIRED_PASSWORD
  '202', // TOO_MANY_SIMULTANEOUS_QUERIES
  '203', // NO_FREE_CONNECTION
  '209', // SOCKET_TIMEOUT
  '210', // NETWORK_ERROR
  '236', // ABORTED
  '241', // MEMORY_LIMIT_EXCEEDED
  '242', // TABLE_IS_READ_ONLY
  '243', // NOT_ENOUGH_SPACE
  '252', // TOO_MANY_PARTS (merges behind) — but see the partition message below
  '285', // TOO_FEW_LIVE_REPLICAS
  '286', // UNSATISFIED_QUORUM_FOR_PREVIOUS_WRITE
  '319', // UNKNOWN_STATUS_OF_INSERT
  '394', // QUERY_WAS_CANCELLED
  '425', // SYSTEM_ERROR
  '439', // CANNOT_SCHEDULE_TASK
  '497', // ACCESS_DENIED
  '516', // AUTHENTICATION_FAILED
  '999', // KEEPER_EXCEPTION
  '1000', // POCO_EXCEPTION
]);

/** Code 252 says this when one insert block touches too many partitions (months, here). */
const TOO_MANY_PARTITIONS = /too many partitions for single insert block/i;

export function classifyInsertFailure(err: unknown): InsertFailure {
  const code = (err as { code?: unknown } | null)?.code;
  // No ClickHouse code: a socket error, a file system error of ours, a bug — not the rows.
  if (code === undefined || code === null || !/^\d+$/.test(String(code))) return 'outage';
  const message = err instanceof Error ? err.message : '';
  if (String(code) === '252' && TOO_MANY_PARTITIONS.test(message)) return 'split';
  return OUTAGE_CODES.has(String(code)) ? 'outage' : 'data';
}

/** True when bisecting can find rows at fault (kept for callers that only ask this). */
export function isDataError(err: unknown): boolean {
  return classifyInsertFailure(err) === 'data';
}

/** The engine's reason in one line, for a dead letter: the first line of its message. */
export function engineReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { type?: unknown } | null)?.type;
  const first = message.split('\n')[0]!.slice(0, 500);
  return typeof code === 'string' && code !== '' && !first.includes(code) ? `${code}: ${first}` : first;
}
