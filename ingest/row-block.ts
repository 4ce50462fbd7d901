/**
 * Rows on their way to ClickHouse, as UTF-8 JSONEachRow bytes rather than JS strings.
 *
 * Why bytes: a row waits in memory from validation until its insert is done, and at ingest
 * rates a string per row (plus the joined body) survived several young-generation GCs each
 * — V8 copied them around, which was most of the consumer's GC time. A block keeps a whole
 * call's rows in one Buffer outside the JS heap, so the collector only sees a few wrappers.
 */
export interface RowBlock {
  /** JSONEachRow text: every row ends with a newline. */
  bytes: Buffer;
  /** Row r is bytes[ends[r - 1] ?? 0, ends[r]). */
  ends: Uint32Array;
  /** Row r came from record sources[r] of its owner's call (for refusals). */
  sources: Int32Array;
  owner: RowOwner | undefined;
  /** Row r's event_id and content hash (ingest/event-ids.ts); absent for derived tables. */
  keys?: RowKeys;
}

export interface RowKeys {
  ids: string[];
  hashes: string[];
}

/** Who hears about a row the engine refused (found by bisecting its batch). */
export interface RowOwner {
  refused(source: number, reason: string): Promise<void>;
}

const NEWLINE = 0x0a;
const CLOSE_BRACE = 0x7d;
/** Bytes one UTF-16 unit can take in UTF-8 (a surrogate pair: 4 for 2 units). */
const MAX_BYTES_PER_UNIT = 3;

/** Appends rows to one growing Buffer; finish() hands the block over. */
export class RowBlockBuilder {
  private bytes: Buffer;
  private used = 0;
  private readonly ends: number[] = [];
  private readonly sources: number[] = [];
  private readonly ids: string[] = [];
  private readonly hashes: string[] = [];

  /** `capacity`: expected bytes of the whole block (grows when short). */
  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafe(Math.max(256, capacity));
  }

  get rows(): number {
    return this.ends.length;
  }

  /**
   * A row from JSON object text; a non-empty `suffix` (`,"k":v…`) is spliced in before the
   * object's closing brace.
   */
  addText(source: number, text: string, suffix: string): void {
    if (suffix === '') {
      this.writeString(text);
    } else {
      this.writeString(text.slice(0, text.lastIndexOf('}')));
      this.writeString(suffix);
      this.writeByte(CLOSE_BRACE);
    }
    this.endRow(source);
  }

  /** A row from the UTF-8 bytes src[start, end) of one JSON object, suffix as in addText. */
  addBytes(source: number, src: Buffer, start: number, end: number, suffix: string): void {
    let close = end;
    if (suffix !== '') {
      // The object's closing brace: the last non-whitespace byte (the text parsed as an object).
      close = end - 1;
      while (close > start && src[close] !== CLOSE_BRACE) close--;
    }
    this.reserve(close - start + 2);
    this.used += src.copy(this.bytes, this.used, start, close);
    if (suffix !== '') {
      this.writeString(suffix);
      this.writeByte(CLOSE_BRACE);
    }
    this.endRow(source);
  }

  /** Gives the row just added its idempotency key (call for every row, or for none). */
  keyLast(id: string, hash: string): void {
    this.ids.push(id);
    this.hashes.push(hash);
  }

  finish(owner: RowOwner | undefined): RowBlock {
    const keys = this.ids.length === this.ends.length && this.ids.length > 0 ? { ids: this.ids, hashes: this.hashes } : undefined;
    return {
      ...(keys ? { keys } : {}),
      // A block much smaller than its buffer would pin the unused part until the insert is done.
      bytes: this.used < this.bytes.length * 0.75 ? Buffer.from(this.bytes.subarray(0, this.used)) : this.bytes.subarray(0, this.used),
      ends: Uint32Array.from(this.ends),
      sources: Int32Array.from(this.sources),
      owner,
    };
  }

  private endRow(source: number): void {
    this.writeByte(NEWLINE);
    this.ends.push(this.used);
    this.sources.push(source);
  }

  private writeByte(b: number): void {
    this.reserve(1);
    this.bytes[this.used++] = b;
  }

  private writeString(s: string): void {
    // Room for the worst case first: a write into too small a buffer is silently cut short.
    this.reserve(s.length * MAX_BYTES_PER_UNIT);
    this.used += this.bytes.write(s, this.used, 'utf8');
  }

  private reserve(bytes: number): void {
    if (this.bytes.length - this.used >= bytes) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + bytes));
    this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
  }
}

/** Rows as JSON object texts (HTTP bodies, the simulator, derived tables) in one block. */
export function blockOfTexts(rows: readonly string[], owner?: RowOwner): RowBlock {
  let chars = 0;
  for (const r of rows) chars += r.length + 1;
  const builder = new RowBlockBuilder(chars + (chars >> 3));
  for (let i = 0; i < rows.length; i++) builder.addText(i, rows[i]!, '');
  return builder.finish(owner);
}

export function rowCount(blocks: readonly RowBlock[]): number {
  let n = 0;
  for (const b of blocks) n += b.ends.length;
  return n;
}

/** Rows [from, to) of a list of blocks, as blocks sharing the same bytes. */
export function sliceRows(blocks: readonly RowBlock[], from: number, to: number): RowBlock[] {
  const out: RowBlock[] = [];
  let base = 0;
  for (const b of blocks) {
    const n = b.ends.length;
    const lo = Math.max(from - base, 0);
    const hi = Math.min(to - base, n);
    if (lo < hi) {
      const startByte = lo === 0 ? 0 : b.ends[lo - 1]!;
      const ends = b.ends.slice(lo, hi).map((e) => e - startByte);
      const slice: RowBlock = { bytes: b.bytes.subarray(startByte, b.ends[hi - 1]!), ends, sources: b.sources.slice(lo, hi), owner: b.owner };
      if (b.keys) slice.keys = { ids: b.keys.ids.slice(lo, hi), hashes: b.keys.hashes.slice(lo, hi) };
      out.push(slice);
    }
    base += n;
  }
  return out;
}

/** The given rows (ascending indexes) of one block, as a new block; the block itself if all. */
export function pickRows(block: RowBlock, rows: readonly number[]): RowBlock {
  if (rows.length === block.ends.length) return block;
  const pieces: Buffer[] = [];
  const ends = new Uint32Array(rows.length);
  const sources = new Int32Array(rows.length);
  let used = 0;
  rows.forEach((r, i) => {
    const start = r === 0 ? 0 : block.ends[r - 1]!;
    const piece = block.bytes.subarray(start, block.ends[r]!);
    pieces.push(piece);
    used += piece.length;
    ends[i] = used;
    sources[i] = block.sources[r]!;
  });
  const out: RowBlock = { bytes: Buffer.concat(pieces, used), ends, sources, owner: block.owner };
  if (block.keys) out.keys = { ids: rows.map((r) => block.keys!.ids[r]!), hashes: rows.map((r) => block.keys!.hashes[r]!) };
  return out;
}
