/**
 * Which offsets may be committed, per partition, while chunks are stored out of step with
 * fetching.
 *
 * The consumer hands a chunk to the pipeline and moves kafkajs's fetch position past it at once
 * (so the next fetch overlaps the insert), but commits only the stored prefix: the commit
 * offset is the end of the longest run of stored chunks from the start of the queue, never past
 * a chunk still in flight or failed.
 *
 * Invariant behind every commit: every message below `committable` is stored. It holds when a
 * queue starts (kafkajs fetches from the group's committed offset, or from our own seek to
 * `committable` after a failure — both have everything below them stored) and is kept by only
 * advancing over stored chunks, in order.
 */

/** One submitted chunk: hand it back to stored() or failed() when its insert settles. */
export interface ChunkTicket {
  readonly key: string;
  readonly topic: string;
  readonly partition: number;
  readonly epoch: number;
  readonly last: bigint;
  stored: boolean;
}

interface PartitionTrack {
  topic: string;
  partition: number;
  /** Bumped when the queue is dropped: tickets of an older epoch no longer count. */
  epoch: number;
  queue: ChunkTicket[];
  /** Everything below is stored: the offset to commit. Null until the first chunk. */
  committable: bigint | null;
  /** The offset after the last submitted chunk: where fetching continues. */
  next: bigint | null;
  /** A chunk failed: the partition waits (paused) to be read again from `committable`. */
  failed: boolean;
}

export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

export const partitionKey = (topic: string, partition: number) => `${topic}/${partition}`;

export class OffsetTracker {
  private readonly tracks = new Map<string, PartitionTrack>();

  /** Registers a chunk [first, last] about to be handed to the pipeline. */
  submit(topic: string, partition: number, firstOffset: string, lastOffset: string): ChunkTicket {
    const key = partitionKey(topic, partition);
    let t = this.tracks.get(key);
    if (!t) {
      t = { topic, partition, epoch: 0, queue: [], committable: null, next: null, failed: false };
      this.tracks.set(key, t);
    }
    const first = BigInt(firstOffset);
    const last = BigInt(lastOffset);
    if (t.next === null || first < t.next) {
      // A fresh start or a re-read (after a rebalance kafkajs fetches from the committed
      // offset; after a failure from our seek): both begin where everything below is stored.
      // Chunks still in flight from before are dropped from the count; they store duplicates
      // at worst, which ReplacingMergeTree merges away.
      t.epoch++;
      t.queue = [];
      t.committable = first;
      t.failed = false;
    }
    const ticket: ChunkTicket = { key, topic, partition, epoch: t.epoch, last, stored: false };
    t.queue.push(ticket);
    t.next = last + 1n;
    return ticket;
  }

  /** The chunk's rows are stored; true when the committable offset moved. */
  stored(ticket: ChunkTicket): boolean {
    const t = this.current(ticket);
    if (!t) return false;
    ticket.stored = true;
    let moved = false;
    while (t.queue[0]?.stored) {
      t.committable = t.queue.shift()!.last + 1n;
      moved = true;
    }
    return moved;
  }

  /**
   * The chunk could not be stored. Returns the offset to read the partition again from (the
   * committable offset: the failed chunk and everything submitted after it), or null when the
   * ticket is stale (its partition was already reset, e.g. by an earlier failure).
   */
  failed(ticket: ChunkTicket): string | null {
    const t = this.current(ticket);
    if (!t || t.committable === null) return null;
    t.failed = true;
    t.epoch++;
    t.queue = [];
    t.next = t.committable;
    return t.committable.toString();
  }

  isFailed(topic: string, partition: number): boolean {
    return this.tracks.get(partitionKey(topic, partition))?.failed ?? false;
  }

  /** The partition may be read again (its retry delay is over). */
  resumed(topic: string, partition: number): void {
    const t = this.tracks.get(partitionKey(topic, partition));
    if (t) t.failed = false;
  }

  /**
   * A new group generation gave us `assignment`. Partitions we lost are forgotten (their
   * in-flight chunks store duplicates at worst). For partitions we keep, returns where fetching
   * should go on: kafkajs would restart them at the committed offset and read again what is
   * already in flight; continuing at `next` avoids that replay, and the commit still waits for
   * the chunks in flight.
   */
  assign(assignment: Record<string, number[]>): PartitionOffset[] {
    const keep = new Set(Object.entries(assignment).flatMap(([topic, ps]) => ps.map((p) => partitionKey(topic, p))));
    const seeks: PartitionOffset[] = [];
    for (const [key, t] of this.tracks) {
      if (!keep.has(key)) this.tracks.delete(key);
      else if (t.next !== null) seeks.push({ topic: t.topic, partition: t.partition, offset: t.next.toString() });
    }
    return seeks;
  }

  /**
   * The offset to commit for every partition of ours that has one. All of them, not only those
   * that moved: kafkajs silently drops a commit while its consumer restarts, so "already
   * committed" cannot be known here, and a commit of a few dozen partitions is one small request.
   */
  committable(): PartitionOffset[] {
    const out: PartitionOffset[] = [];
    for (const t of this.tracks.values()) {
      if (t.committable !== null) out.push({ topic: t.topic, partition: t.partition, offset: t.committable.toString() });
    }
    return out;
  }

  /** Chunks submitted in the current epochs and not yet stored. */
  inFlight(): number {
    let n = 0;
    for (const t of this.tracks.values()) n += t.queue.length;
    return n;
  }

  private current(ticket: ChunkTicket): PartitionTrack | undefined {
    const t = this.tracks.get(ticket.key);
    return t && t.epoch === ticket.epoch ? t : undefined;
  }
}
