import { hash } from 'node:crypto';
import type { RawInsert } from '../warehouse/raw-insert.ts';
import { blockOfTexts, pickRows, type RowBlock } from './row-block.ts';

/**
 * Idempotency by event_id alone (DESIGN §3: event_id is the key of idempotency).
 *
 * The rule: the first content stored under an id wins. A re-send with the same content is
 * acknowledged and not stored again; a re-send with different content is a dead letter with
 * reason `conflict`, and the stored event stays as it was.
 *
 * Why first-wins with a conflict letter rather than last-wins: events are facts (a refund's
 * next step is a new event with its own id), so two contents under one id are a producer bug —
 * an id reused, or two producers disagreeing. Last-wins (what the raw tables' ReplacingMergeTree
 * did when the sorting key matched) replaced a fact silently and at a time set by merges, and
 * with another shop the key differed and the event was counted twice. Keeping the first and
 * dead-lettering the second keeps both visible and counts the event once.
 *
 * "Same content" means the same JSON text of the event, byte for byte as sent (Kafka: the
 * message value; HTTP: the line or the array element as serialised). Replays and retries send
 * the same bytes; a producer that re-serialises an event differently gets a conflict letter,
 * never a second row. Hashing the text costs a third of parsing it; a canonical form (sorted
 * keys) measured ~3× parsing on this machine, which ingest cannot afford per row.
 */
export function contentHash(text: string | Buffer): string {
  return hash('sha1', text);
}

/** Stored (event_id, content_hash) pairs among `ids` of a topic; splits the ask as its transport needs. */
export type KnownIds = (topic: string, ids: string[]) => Promise<Array<{ event_id: string; content_hash: string }>>;

/** The rows a batch may insert, and what to do once they are in. */
export interface Admission {
  blocks: RowBlock[];
  /** Records the rows that were inserted (call after the insert succeeded). */
  stored(inserted: RowBlock[]): Promise<void>;
  /** Ends the admission (after stored, or after the insert failed). */
  release(): void;
}

export interface IdempotencyGuard {
  admit(blocks: RowBlock[]): Promise<Admission>;
}

export class EventIdGuard implements IdempotencyGuard {
  /** Ids of batches admitted and not yet settled: another batch with one of them waits. */
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly topic: string,
    private readonly known: KnownIds,
    private readonly insert: RawInsert,
  ) {}

  async admit(blocks: RowBlock[]): Promise<Admission> {
    // Two batches in flight with the same new id would both find it unknown and both insert
    // it: a batch holding an id another admitted batch holds waits until that one settles
    // (its insert done or failed), then sees the index as it left it.
    for (;;) {
      const waits = new Set<Promise<void>>();
      for (const b of blocks) for (const id of b.keys?.ids ?? []) {
        const p = this.pending.get(id);
        if (p) waits.add(p);
      }
      if (waits.size === 0) break;
      await Promise.allSettled(waits);
    }
    let release!: () => void;
    const settled = new Promise<void>((resolve) => (release = resolve));
    const mine: string[] = [];
    for (const b of blocks) for (const id of b.keys?.ids ?? []) if (!this.pending.has(id)) {
      this.pending.set(id, settled);
      mine.push(id);
    }
    const done = () => {
      for (const id of mine) if (this.pending.get(id) === settled) this.pending.delete(id);
      release();
    };
    try {
      const admitted = await this.filter(blocks);
      return { blocks: admitted, stored: (inserted) => this.record(inserted), release: done };
    } catch (err) {
      done();
      throw err;
    }
  }

  private async filter(blocks: RowBlock[]): Promise<RowBlock[]> {
    const ids = [...new Set(blocks.flatMap((b) => b.keys?.ids ?? []))];
    const stored = new Map<string, Set<string>>();
    for (const r of ids.length > 0 ? await this.known(this.topic, ids) : []) {
      const hashes = stored.get(r.event_id) ?? new Set<string>();
      hashes.add(r.content_hash);
      stored.set(r.event_id, hashes);
    }
    const firstInBatch = new Map<string, string>();
    const out: RowBlock[] = [];
    const conflicts: Promise<void>[] = [];
    for (const b of blocks) {
      if (!b.keys) {
        out.push(b);
        continue;
      }
      const keep: number[] = [];
      for (let r = 0; r < b.ends.length; r++) {
        const id = b.keys.ids[r]!;
        const h = b.keys.hashes[r]!;
        const before = stored.get(id);
        const earlier = firstInBatch.get(id);
        // '' marks an event stored before the index existed: its content is unknown, so a
        // re-send of it is taken as a duplicate rather than risk a second row.
        const known = before ? (before.has(h) || before.has('') ? 'same' : 'other') : earlier === undefined ? 'new' : earlier === h ? 'same' : 'other';
        if (known === 'new') {
          firstInBatch.set(id, h);
          keep.push(r);
        } else if (known === 'other' && b.owner) {
          conflicts.push(
            b.owner.refused(
              b.sources[r]!,
              `conflict: event_id "${id}" is already stored with different content; the first content is kept (ingest is idempotent by event_id)`,
            ),
          );
        }
      }
      if (keep.length > 0) out.push(pickRows(b, keep));
    }
    await Promise.all(conflicts);
    return out;
  }

  private async record(inserted: RowBlock[]): Promise<void> {
    const rows: string[] = [];
    for (const b of inserted) {
      if (!b.keys) continue;
      for (let r = 0; r < b.ends.length; r++) {
        rows.push(JSON.stringify({ topic: this.topic, event_id: b.keys.ids[r], content_hash: b.keys.hashes[r] }));
      }
    }
    if (rows.length > 0) await this.insert('event_ids', ['topic', 'event_id', 'content_hash'], [blockOfTexts(rows).bytes]);
  }
}
