import type { RawInsert } from '../warehouse/raw-insert.ts';
import { insertSeconds } from '../observability/metrics.ts';
import type { IdempotencyGuard } from './event-ids.ts';
import { classifyInsertFailure, engineReason } from './insert-errors.ts';
import { blockOfTexts, rowCount, sliceRows, type RowBlock } from './row-block.ts';

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
  /** Explicit insert columns; needed to fill EPHEMERAL columns, which a bare INSERT skips. */
  columns?: string[];
  /** Drops re-sent rows and refuses conflicting ones before each insert (ingest/event-ids.ts). */
  guard?: IdempotencyGuard;
}

interface Batch {
  blocks: RowBlock[];
  rows: number;
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
  return { blocks: [], rows: 0, done, resolve, reject };
}

/**
 * Collects rows for one table and writes them as `INSERT … FORMAT JSONEachRow` bodies, sealing a
 * batch at maxRows or maxDelayMs, whichever comes first.
 *
 * Acknowledgement invariant: the promise returned by append() resolves only after every row
 * of that call is in ClickHouse (or was refused by the engine and handed to its block's owner), so
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

  /** Queues rows given as JSON object texts (one per row). */
  appendTexts(rows: readonly string[]): Promise<void> {
    return rows.length === 0 ? Promise.resolve() : this.append(blockOfTexts(rows));
  }

  /** Queues a block of rows; resolves once all of them are written (or refused to their owner). */
  append(block: RowBlock): Promise<void> {
    if (block.ends.length === 0) return Promise.resolve();
    const batch = this.current;
    batch.blocks.push(block);
    batch.rows += block.ends.length;
    if (batch.rows >= this.opts.maxRows || this.worthSendingNow()) this.seal();
    else this.timer ??= setTimeout(() => this.seal(), this.opts.maxDelayMs);
    return batch.done;
  }

  /** Seals what is buffered and waits until everything queued so far is written. */
  async flush(): Promise<void> {
    if (this.current.rows > 0) this.seal();
    await Promise.allSettled([...this.inFlight, ...this.sealed].map((b) => b.done));
  }

  private worthSendingNow(): boolean {
    return this.current.rows >= (this.opts.minRows ?? Infinity) && this.inFlight.size < this.opts.maxInFlight;
  }

  private seal(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.current.rows === 0) return;
    this.sealed.push(this.current);
    this.current = newBatch();
    this.pump();
  }

  private pump(): void {
    while (this.inFlight.size < this.opts.maxInFlight && this.sealed.length > 0) {
      const batch = this.sealed.shift()!;
      this.inFlight.add(batch);
      this.store(batch.blocks)
        .then(batch.resolve, batch.reject)
        .finally(() => {
          this.inFlight.delete(batch);
          if (this.worthSendingNow()) this.seal();
          else this.pump();
        });
    }
  }

  private async store(blocks: RowBlock[]): Promise<void> {
    const guard = this.opts.guard;
    if (!guard) {
      await this.writeBatch(blocks);
      return;
    }
    const admission = await guard.admit(blocks);
    try {
      await admission.stored(await this.writeBatch(admission.blocks));
    } finally {
      admission.release();
    }
  }

  /** Inserts the rows; resolves with the blocks that went in (refused rows left out). */
  private async writeBatch(blocks: RowBlock[]): Promise<RowBlock[]> {
    if (rowCount(blocks) === 0) return [];
    const stop = insertSeconds.startTimer({ table: this.table });
    try {
      await this.insertBody(this.table, this.opts.columns, blocks.map((b) => b.bytes));
      stop();
      return blocks;
    } catch (err) {
      // One row the engine refuses must not sink the rows around it: bisect down to the
      // refused rows and dead-letter them (insert-errors.ts says which errors are the rows').
      // An outage is not the rows' fault and goes back to the caller, which retries or fails
      // the request. Rows without an owner (no one to hand a refusal to) fail as a whole.
      const failure = classifyInsertFailure(err);
      if (failure === 'outage') throw err;
      if (failure === 'data' && !blocks.some((b) => b.owner)) throw err;
      const rows = rowCount(blocks);
      if (rows === 1) {
        const block = blocks[0]!;
        // A single row cannot span partitions; an owner-less row has no one to tell.
        if (failure === 'split' || !block.owner) throw err;
        await block.owner.refused(block.sources[0]!, `rejected by ClickHouse: ${engineReason(err)}`);
        return [];
      }
      // Callers first: several calls share a batch, and splitting at call boundaries clears the
      // innocent calls in a few inserts before the guilty one is bisected row by row.
      const [left, right] = blocks.length > 1 ? [blocks.slice(0, blocks.length >> 1), blocks.slice(blocks.length >> 1)] : halves(blocks, rows);
      return [...(await this.writeBatch(left)), ...(await this.writeBatch(right))];
    }
  }
}

function halves(blocks: RowBlock[], rows: number): [RowBlock[], RowBlock[]] {
  const mid = rows >> 1;
  return [sliceRows(blocks, 0, mid), sliceRows(blocks, mid, rows)];
}
