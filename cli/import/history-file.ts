import { createHash } from 'node:crypto';
import { createReadStream, existsSync, openSync, readSync, closeSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';

/**
 * A history file read line by line from a byte offset, and the checkpoint beside it that lets
 * an interrupted import continue where it stopped (`<file>.import-state.json`).
 *
 * Lines are split on \n by hand (a trailing \r is dropped), so the byte offset of every line
 * end is exact and a rerun can seek straight to it. The checkpoint is written only after a
 * batch was acknowledged (stored, or dead-lettered), so it never runs ahead of the store; a
 * crash inside a batch resends that batch on the rerun, which event_id idempotency makes
 * harmless (the raw tables are ReplacingMergeTree by event_id).
 */

export interface FileLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
  /** Byte offset just past this line's newline: where a rerun starts after it. */
  end: number;
}

export async function* readLines(path: string, start: number, firstLine: number): AsyncGenerator<FileLine> {
  let line = firstLine;
  let offset = start;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of createReadStream(path, { start, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let nl = chunk.indexOf(10, from); nl !== -1; nl = chunk.indexOf(10, from)) {
      const piece = chunk.subarray(from, nl);
      const bytes = pending.length > 0 ? Buffer.concat([...pending, piece]) : piece;
      offset += pendingBytes + piece.length + 1;
      pending = [];
      pendingBytes = 0;
      yield { line: line++, text: stripCr(bytes.toString('utf8')), end: offset };
      from = nl + 1;
    }
    if (from < chunk.length) {
      const rest = chunk.subarray(from);
      pending.push(Buffer.from(rest));
      pendingBytes += rest.length;
    }
  }
  if (pendingBytes > 0) yield { line, text: stripCr(Buffer.concat(pending).toString('utf8')), end: offset + pendingBytes };
}

const stripCr = (s: string) => (s.endsWith('\r') ? s.slice(0, -1) : s);

export interface ImportState {
  version: 1;
  /** SHA-256 of the file's first 64 KiB: a different file under the same name is not resumed. */
  head: string;
  /** Byte offset and 1-based line number the next run starts at. */
  offset: number;
  line: number;
  accepted: number;
  rejected: number;
  done: boolean;
  updated_at: string;
}

export function fileHead(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return createHash('sha256').update(buf.subarray(0, n)).digest('hex');
  } finally {
    closeSync(fd);
  }
}

export function freshState(head: string): ImportState {
  return { version: 1, head, offset: 0, line: 1, accepted: 0, rejected: 0, done: false, updated_at: new Date().toISOString() };
}

/** The checkpoint of `file`, or a reason it cannot be used. */
export function readState(statePath: string, file: string): ImportState | { error: string } | undefined {
  if (!existsSync(statePath)) return undefined;
  let state: ImportState;
  try {
    state = JSON.parse(readFileSync(statePath, 'utf8')) as ImportState;
  } catch (err) {
    return { error: `checkpoint ${statePath} is unreadable (${(err as Error).message}); pass --restart to start over` };
  }
  if (state.version !== 1 || typeof state.offset !== 'number' || typeof state.head !== 'string') {
    return { error: `checkpoint ${statePath} is not an import checkpoint; pass --restart to start over` };
  }
  if (state.head !== fileHead(file)) return { error: `checkpoint ${statePath} belongs to another file (its first 64 KiB differ); pass --restart to start over` };
  if (state.offset > statSync(file).size) return { error: `checkpoint ${statePath} points past the end of ${file}; pass --restart to start over` };
  return state;
}

/** Written to a temporary file and renamed, so a crash never leaves half a checkpoint. */
export function writeState(statePath: string, state: ImportState): void {
  const tmp = `${statePath}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ ...state, updated_at: new Date().toISOString() }, null, 2)}\n`);
  renameSync(tmp, statePath);
}
