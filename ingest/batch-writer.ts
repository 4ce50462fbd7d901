import type { RawInsert } from '../warehouse/raw-insert.ts';
import { insertSeconds } from '../observability/metrics.ts';
import { isDataError } from './insert-errors.ts';

export interface BatchWriterOptions {
  maxRows: number;
  /**
   * A batch of at least this many rows is sent at once when an insert slot is free, instead of
   * waiting out maxDelayMs: under load, callers (an HTTP client awaiting its answer, a Kafka
   * batch awaiting its commit) are not held back by the timer, while a trickle of events is
   * still gathered into few inserts (few parts for MergeTree to merge).
   */
  minRows?: number;
  maxDelayMs: number;
  /** Inserts allowed in flight at once; the JS thread fills the next batch meanwhile. */
  maxInFlight: number;
  /**
   * Called with rows the engine refused (found by bisecting a failed batch), so the caller can
   * dead-letter them with the engine's reason. Without it such a batch fails as a whole.
   */
  onRowRefused?: (tag: unknown, reason: string) => Promise<void>;
  /** Explicit insert columns; needed to fill EPHEMERAL columns, which a bare INSERT skips. */
  columns?: string[];
}

interface Batch {
  rows: string[];
  tags: unknown[];
  done: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A batch nobody awaits (e.g. after shutdown) must not crash the process on failure.
  done.catch(() => undefined);
  return { rows: [], tags: [], done, resolve, reject };
}

/**
 * Collects rows for one table and writes them as `INSERT … FORMAT JSONEachRow` bodies, sealing a
 * batch at maxRows or maxDelayMs, whichever comes first.
 *
 * Acknowledgement invariant: the promise returned by append() resolves only after every row
 * of that call is in ClickHouse (or was refused by the engine and handed to onRowRefused), so
 * callers — the HTTP route answering, the Kafka consumer committing — never acknowledge a row
 * that could still be lost.
 */
export class BatchWriter {
  private current = newBatch();
  private sealed: Batch[] = [];
  private readonly inFlight = new Set<Batch>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly insertBody: RawInsert,
    private readonly table: string,
    private readonly opts: BatchWriterOptions,
  ) {}

  /** Queues rows (one JSON object text each); tags travel with rows for onRowRefused. */
  append(rows: string[], tags?: unknown[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    const batch = this.current;
    for (let i = 0; i < rows.length; i++) {
      batch.rows.push(rows[i]!);
      batch.tags.push(tags?.[i]);
    }
    if (batch.rows.length >= this.opts.maxRows || this.worthSendingNow()) this.seal();
    else this.timer ??= setTimeout(() => this.seal(), this.opts.maxDelayMs);
    return batch.done;
  }

  /** Seals what is buffered and waits until everything queued so far is written. */
  async flush(): Promise<void> {
    if (this.current.rows.length > 0) this.seal();
    await Promise.allSettled([...this.inFlight, ...this.sealed].map((b) => b.done));
  }

  private worthSendingNow(): boolean {
    return this.current.rows.length >= (this.opts.minRows ?? Infinity) && this.inFlight.size < this.opts.maxInFlight;
  }

  private seal(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.current.rows.length === 0) return;
    this.sealed.push(this.current);
    this.current = newBatch();
    this.pump();
  }

  private pump(): void {
    while (this.inFlight.size < this.opts.maxInFlight && this.sealed.length > 0) {
      const batch = this.sealed.shift()!;
      this.inFlight.add(batch);
      this.writeBatch(batch.rows, batch.tags)
        .then(batch.resolve, batch.reject)
        .finally(() => {
          this.inFlight.delete(batch);
          if (this.worthSendingNow()) this.seal();
          else this.pump();
        });
    }
  }

  private async writeBatch(rows: string[], tags: unknown[]): Promise<void> {
    const stop = insertSeconds.startTimer({ table: this.table });
    try {
      await this.insertBody(this.table, this.opts.columns, rows);
      stop();
    } catch (err) {
      // One row the engine cannot parse must not sink the rows around it: bisect down to the
      // refused rows and dead-letter them. Any other error (connection, memory) is not the
      // rows' fault and goes back to the caller, which retries or fails the request.
      if (!isDataError(err) || !this.opts.onRowRefused) throw err;
      if (rows.length === 1) {
        await this.opts.onRowRefused(tags[0], `rejected by ClickHouse: ${(err as Error).message.split('\n')[0]}`);
        return;
      }
      const mid = rows.length >> 1;
      await this.writeBatch(rows.slice(0, mid), tags.slice(0, mid));
      await this.writeBatch(rows.slice(mid), tags.slice(mid));
    }
  }
}
