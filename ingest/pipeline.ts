import { CONTRACTS, TOPICS, type Topic } from '../contracts/index.ts';
import { eventsDeadLettered, eventsInserted, eventsReceived } from '../observability/metrics.ts';
import type { Logger } from '../observability/logger.ts';
import type { RawInsert } from '../warehouse/raw-insert.ts';
import { BatchWriter } from './batch-writer.ts';
import type { DeadLetter, IngestReport, LineOutcome, Rejection, SourceKind, SourcePosition } from './outcomes.ts';
import { validateLine, validateValue } from './validate-line.ts';

export interface IngestPipelineOptions {
  batchRows: number;
  batchMs: number;
  /** Inserts in flight per table. */
  maxInFlight?: number;
  log?: Logger;
}

/** A stream rule: sees every valid event before (and independent of) its insert. */
export type EventListener = (topic: Topic, event: object) => void;

/** What one ingest call shares among its rows (kept small: a row's tag is {call, index}). */
interface CallContext {
  report: IngestReport;
  source: SourceKind;
  positions: SourcePosition[] | undefined;
  rawOf: (i: number) => string | Buffer;
}
interface RowTag {
  call: CallContext;
  index: number;
}

export interface LineOptions {
  /** Kafka positions, one per line. */
  positions?: SourcePosition[];
}

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
      onRowRefused: (tag: unknown, reason: string) => this.refuse(tag as RowTag, reason),
    };
    for (const topic of TOPICS) this.writers.set(topic, new BatchWriter(insert, CONTRACTS[topic].table, writerOpts));
    this.deadLetters = new BatchWriter(insert, 'dead_letters', {
      ...writerOpts,
      onRowRefused: undefined,
      columns: ['topic', 'source', 'raw_base64', 'reason', 'errors', '_partition', '_offset'],
    });
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Ingests JSON texts (NDJSON lines or Kafka message values). Resolves once every accepted row
   * is in ClickHouse and every rejected one is in the dead-letter table.
   */
  async ingestLines(topic: Topic, lines: string[], source: SourceKind, options: LineOptions = {}): Promise<IngestReport> {
    // A dead letter's raw bytes are the line's UTF-8: callers pass only text that decoded
    // losslessly (Kafka values that are not valid UTF-8 never become lines).
    const rawOf = (i: number) => lines[i]!;
    return this.run(topic, lines.length, source, options.positions, (i, pos) => validateLine(topic, lines[i]!, pos), rawOf);
  }

  /** Ingests already parsed values (a JSON array body, the in-process simulator). */
  async ingestValues(topic: Topic, values: unknown[], source: SourceKind): Promise<IngestReport> {
    const texts: (string | undefined)[] = new Array(values.length);
    const textOf = (i: number) => (texts[i] ??= safeStringify(values[i]));
    return this.run(topic, values.length, source, undefined, (i) => validateValue(topic, values[i], textOf(i)), textOf);
  }

  /** Writes dead letters that never reached validation (e.g. a body that is not JSON at all). */
  async deadLetter(letters: DeadLetter[]): Promise<void> {
    for (const l of letters) eventsDeadLettered.inc({ topic: l.topic, source: l.source });
    await this.deadLetters.append(letters.map(deadLetterRow));
  }

  async flush(): Promise<void> {
    await Promise.all([...this.writers.values(), this.deadLetters].map((w) => w.flush()));
  }

  private async run(
    topic: Topic,
    count: number,
    source: SourceKind,
    positions: SourcePosition[] | undefined,
    validate: (i: number, position: SourcePosition | undefined) => LineOutcome,
    rawOf: (i: number) => string | Buffer,
  ): Promise<IngestReport> {
    const report: IngestReport = { topic, accepted: 0, rejected: [] };
    const call: CallContext = { report, source, positions, rawOf };
    const rows: string[] = [];
    const tags: RowTag[] = [];
    const dead: DeadLetter[] = [];
    const listening = this.listeners.size > 0;
    for (let i = 0; i < count; i++) {
      const position = positions?.[i];
      const outcome = validate(i, position);
      if (outcome.kind === 'ok') {
        rows.push(outcome.row);
        tags.push({ call, index: i });
        if (listening) this.emit(topic, outcome.event);
      } else {
        report.rejected.push({ line: i + 1, reason: outcome.reason, errors: outcome.errors });
        const letter: DeadLetter = { topic, source, raw: rawOf(i), reason: outcome.reason, errors: outcome.errors };
        if (position) letter.position = position;
        dead.push(letter);
      }
    }
    report.accepted = rows.length;
    eventsReceived.inc({ topic, source }, count);
    await Promise.all([this.writers.get(topic)!.append(rows, tags), dead.length ? this.deadLetter(dead) : undefined]);
    eventsInserted.inc({ topic, source }, report.accepted);
    report.rejected.sort((a, b) => a.line - b.line);
    return report;
  }

  /** A row the engine itself refused (found by bisecting its batch) becomes a dead letter. */
  private async refuse({ call, index }: RowTag, reason: string): Promise<void> {
    const rejection: Rejection = { line: index + 1, reason, errors: [reason] };
    call.report.rejected.push(rejection);
    call.report.accepted--;
    const letter: DeadLetter = { topic: call.report.topic, source: call.source, raw: call.rawOf(index), reason, errors: [reason] };
    const position = call.positions?.[index];
    if (position) letter.position = position;
    await this.deadLetter([letter]);
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
    reason: l.reason,
    errors: l.errors,
    _partition: l.position?.partition ?? -1,
    _offset: l.position ? Number(l.position.offset) : -1,
  });
}
