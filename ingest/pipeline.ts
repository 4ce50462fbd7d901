import { CONTRACTS, TOPICS, type Topic } from '../contracts/index.ts';
import { eventsDeadLettered, eventsInserted, eventsReceived } from '../observability/metrics.ts';
import type { Logger } from '../observability/logger.ts';
import type { RawInsert } from '../warehouse/raw-insert.ts';
import { BatchWriter } from './batch-writer.ts';
import { contentHash, EventIdGuard, type KnownIds } from './event-ids.ts';
import type { DeadLetter, IngestReport, LineOutcome, SourceKind, SourcePosition } from './outcomes.ts';
import { RowBlockBuilder, type RowOwner } from './row-block.ts';
import { validateLine, validateValue } from './validate-line.ts';

export interface IngestPipelineOptions {
  batchRows: number;
  batchMs: number;
  /** Inserts in flight per table. */
  maxInFlight?: number;
  /** Looks up stored event ids (ingest/event-ids.ts); without it, ids are not checked. */
  knownIds?: KnownIds;
  log?: Logger;
}

/** A stream rule: sees every valid event before (and independent of) its insert. */
export type EventListener = (topic: Topic, event: object) => void;

/**
 * Events as UTF-8 bytes (Kafka message values, copied out of the fetch): event i is
 * bytes[bounds[i], bounds[i + 1]), read at `partition` / offsets[i].
 */
export interface EncodedEvents {
  bytes: Buffer;
  bounds: Uint32Array;
  partition: number;
  offsets: Float64Array;
}

/** How one ingest call reads its records: text to validate, raw bytes for dead letters. */
interface RecordAccess {
  count: number;
  validate(i: number): LineOutcome;
  writeRow(builder: RowBlockBuilder, i: number, suffix: string): void;
  raw(i: number): string | Buffer;
  /** The event's text as sent, for its content hash (ingest/event-ids.ts). */
  text(i: number): string | Buffer;
  position(i: number): SourcePosition | undefined;
  /** Expected bytes of all rows, so the block is written without growing. */
  bytes: number;
}

/** One ingest call: hears about rows the engine refused after the call's block was handed over. */
class CallContext implements RowOwner {
  constructor(
    readonly report: IngestReport,
    private readonly source: SourceKind,
    private readonly records: RecordAccess,
    private readonly deadLetter: (letters: DeadLetter[]) => Promise<void>,
  ) {}

  async refused(index: number, reason: string): Promise<void> {
    this.report.rejected.push({ line: index + 1, reason, errors: [reason] });
    this.report.accepted--;
    const letter: DeadLetter = { topic: this.report.topic, source: this.source, raw: this.records.raw(index), reason, errors: [reason] };
    const position = this.records.position(index);
    if (position) letter.position = position;
    await this.deadLetter([letter]);
  }
}

/** Room for the suffix a Kafka row gets (`,"_partition":N,"_offset":N`). */
const POSITION_SUFFIX_BYTES = 48;

/**
 * source → validate → batch → insert → acknowledge. Every source (HTTP, Kafka, the embedded
 * simulator) goes through here, so a bad event is handled the same everywhere: it becomes a
 * dead letter with its raw bytes and reason, and the rest of the stream goes on.
 */
export class IngestPipeline {
  private readonly writers = new Map<Topic, BatchWriter>();
  private readonly deadLetters: BatchWriter;
  private readonly listeners = new Set<EventListener>();

  constructor(
    insert: RawInsert,
    private readonly opts: IngestPipelineOptions,
  ) {
    const writerOpts = {
      maxRows: opts.batchRows,
      minRows: Math.max(1, Math.floor(opts.batchRows / 10)),
      maxDelayMs: opts.batchMs,
      maxInFlight: opts.maxInFlight ?? 2,
    };
    for (const topic of TOPICS) {
      const guard = opts.knownIds ? new EventIdGuard(topic, opts.knownIds, insert) : undefined;
      this.writers.set(topic, new BatchWriter(insert, CONTRACTS[topic].table, { ...writerOpts, ...(guard ? { guard } : {}) }));
    }
    this.deadLetters = new BatchWriter(insert, 'dead_letters', {
      ...writerOpts,
      columns: ['topic', 'source', 'raw_base64', 'reason', 'errors', '_partition', '_offset'],
    });
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Ingests JSON texts (NDJSON lines). Resolves once every accepted row is in ClickHouse and
   * every rejected one is in the dead-letter table.
   */
  async ingestLines(topic: Topic, lines: string[], source: SourceKind): Promise<IngestReport> {
    let chars = 0;
    for (const line of lines) chars += line.length + 1;
    return this.run(topic, source, {
      count: lines.length,
      validate: (i) => validateLine(topic, lines[i]!),
      writeRow: (builder, i, suffix) => builder.addText(i, lines[i]!, suffix),
      raw: (i) => lines[i]!,
      text: (i) => lines[i]!,
      position: () => undefined,
      bytes: chars + (chars >> 3),
    });
  }

  /** Ingests already parsed values (a JSON array body, the in-process simulator). */
  async ingestValues(topic: Topic, values: unknown[], source: SourceKind): Promise<IngestReport> {
    const texts: (string | undefined)[] = new Array(values.length);
    const textOf = (i: number) => (texts[i] ??= safeStringify(values[i]));
    return this.run(topic, source, {
      count: values.length,
      validate: (i) => validateValue(topic, values[i]),
      writeRow: (builder, i, suffix) => builder.addText(i, textOf(i), suffix),
      raw: textOf,
      text: textOf,
      position: () => undefined,
      bytes: values.length * 512,
    });
  }

  /**
   * Ingests events given as UTF-8 bytes (Kafka). Each stored row is the event's own bytes with
   * its partition and offset added; a dead letter keeps the bytes exactly as consumed.
   */
  async ingestEncoded(topic: Topic, events: EncodedEvents, source: SourceKind): Promise<IngestReport> {
    const { bytes, bounds, partition, offsets } = events;
    const position = (i: number): SourcePosition => ({ partition, offset: String(offsets[i]) });
    return this.run(topic, source, {
      count: offsets.length,
      validate: (i) => validateLine(topic, bytes.toString('utf8', bounds[i], bounds[i + 1]), position(i)),
      writeRow: (builder, i, suffix) => builder.addBytes(i, bytes, bounds[i]!, bounds[i + 1]!, suffix),
      raw: (i) => bytes.subarray(bounds[i], bounds[i + 1]),
      text: (i) => bytes.subarray(bounds[i], bounds[i + 1]),
      position,
      bytes: bounds[offsets.length]! - bounds[0]! + offsets.length * POSITION_SUFFIX_BYTES,
    });
  }

  /** Writes dead letters that never reached validation (e.g. a body that is not JSON at all). */
  async deadLetter(letters: DeadLetter[]): Promise<void> {
    for (const l of letters) eventsDeadLettered.inc({ topic: l.topic, source: l.source });
    await this.deadLetters.appendTexts(letters.map(deadLetterRow));
  }

  async flush(): Promise<void> {
    await Promise.all([...this.writers.values(), this.deadLetters].map((w) => w.flush()));
  }

  private async run(topic: Topic, source: SourceKind, records: RecordAccess): Promise<IngestReport> {
    const report: IngestReport = { topic, accepted: 0, rejected: [] };
    const call = new CallContext(report, source, records, (letters) => this.deadLetter(letters));
    const builder = new RowBlockBuilder(records.bytes);
    const dead: DeadLetter[] = [];
    const listening = this.listeners.size > 0;
    const keyed = this.opts.knownIds !== undefined;
    for (let i = 0; i < records.count; i++) {
      const outcome = records.validate(i);
      if (outcome.kind === 'ok') {
        records.writeRow(builder, i, outcome.suffix);
        if (keyed) builder.keyLast((outcome.event as { event_id: string }).event_id, contentHash(records.text(i)));
        if (listening) this.emit(topic, outcome.event);
      } else {
        report.rejected.push({ line: i + 1, reason: outcome.reason, errors: outcome.errors });
        const letter: DeadLetter = { topic, source, raw: records.raw(i), reason: outcome.reason, errors: outcome.errors };
        const position = records.position(i);
        if (position) letter.position = position;
        dead.push(letter);
      }
    }
    report.accepted = builder.rows;
    eventsReceived.inc({ topic, source }, records.count);
    await Promise.all([this.writers.get(topic)!.append(builder.finish(call)), dead.length ? this.deadLetter(dead) : undefined]);
    eventsInserted.inc({ topic, source }, report.accepted);
    report.rejected.sort((a, b) => a.line - b.line);
    return report;
  }

  private emit(topic: Topic, event: object): void {
    for (const listener of this.listeners) {
      try {
        listener(topic, event);
      } catch (err) {
        // A failing stream rule must never cost us the event itself.
        this.opts.log?.error({ err, topic }, 'stream rule failed');
      }
    }
  }
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function deadLetterRow(l: DeadLetter): string {
  const raw = typeof l.raw === 'string' ? Buffer.from(l.raw, 'utf8') : l.raw;
  return JSON.stringify({
    topic: l.topic,
    source: l.source,
    raw_base64: raw.toString('base64'),
    // A reason may quote the producer's text (a field name); a lone surrogate in it would make
    // the dead letter itself unstorable, and a dead letter must always be storable.
    reason: l.reason.toWellFormed(),
    errors: l.errors.map((e) => e.toWellFormed()),
    _partition: l.position?.partition ?? -1,
    _offset: l.position ? Number(l.position.offset) : -1,
  });
}
