import { appendFileSync, statSync, writeFileSync } from 'node:fs';
import { isTopic, TOPICS, type Topic } from '../../contracts/index.ts';
import { fileHead, freshState, readLines, readState, writeState, type FileLine, type ImportState } from './history-file.ts';
import type { ImportTarget } from './targets.ts';

/**
 * `radar import`: a history file of JSON lines into the store, in batches, resumable.
 *
 * Formats (one JSON object a line, blank lines skipped):
 *   with `topic`   every line is one event of that topic, exactly what POST /v1/events/<topic> takes;
 *   without        every line is an envelope {"topic": "<orders|refunds|livestream-transcripts|logistics>",
 *                  "event": {…}}, so one file can mix topics in any order.
 * Each batch (at most `batchLines` lines / `batchBytes` bytes) is split by topic, sent, and
 * acknowledged; then the checkpoint moves past it. Rejected lines — bad envelopes here, events
 * the contracts refuse at the target (those also land in the dead-letter table) — are appended
 * to the rejects file with their line number, topic, reason and raw text.
 */
export interface ImportOptions {
  file: string;
  target: ImportTarget;
  topic?: Topic;
  statePath: string;
  rejectsPath: string;
  /** Start from the top, discarding the checkpoint and the rejects file. */
  restart?: boolean;
  batchLines?: number;
  batchBytes?: number;
  /** The HTTP body parser reads a body starting with "[" as a JSON array: send objects only. */
  objectLinesOnly?: boolean;
  /** Checked after every batch: true stops the import there (checkpoint saved). */
  stopRequested?: () => boolean;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportProgress {
  bytes: number;
  totalBytes: number;
  line: number;
  accepted: number;
  rejected: number;
}

export interface ImportSummary extends ImportProgress {
  /** Where this run started (a resumed run starts past line 1). */
  resumedAt: number;
  status: 'done' | 'stopped' | 'already_done';
  perTopic: Record<string, { accepted: number; rejected: number }>;
  reasons: Record<string, number>;
}

export class ImportError extends Error {}

interface Pending {
  line: FileLine;
  topic: Topic;
  text: string;
}

export async function runImport(o: ImportOptions): Promise<ImportSummary> {
  const totalBytes = statSync(o.file).size;
  const head = fileHead(o.file);
  const stored = o.restart ? undefined : readState(o.statePath, o.file);
  if (stored && 'error' in stored) throw new ImportError(stored.error);
  const state: ImportState = stored ?? freshState(head);
  if (!stored) writeFileSync(o.rejectsPath, '');
  const perTopic: ImportSummary['perTopic'] = {};
  const reasons: ImportSummary['reasons'] = {};
  const summary = (status: ImportSummary['status'], resumedAt: number): ImportSummary => ({
    bytes: state.offset, totalBytes, line: state.line, accepted: state.accepted, rejected: state.rejected, resumedAt, status, perTopic, reasons,
  });
  const resumedAt = state.line;
  if (state.done) return summary('already_done', resumedAt);
  writeState(o.statePath, state);

  const maxLines = Math.min(o.batchLines ?? 5000, 5000);
  const maxBytes = o.batchBytes ?? 8 * 1024 * 1024;
  const reject = (line: number, topic: string, reason: string, raw: string, errors: string[] = [reason]) => {
    appendFileSync(o.rejectsPath, `${JSON.stringify({ line, topic, reason, errors, raw })}\n`);
    state.rejected++;
    reasons[reason] = (reasons[reason] ?? 0) + 1;
    count(topic).rejected++;
  };
  const count = (topic: string) => (perTopic[topic] ??= { accepted: 0, rejected: 0 });

  let batch: Pending[] = [];
  let batchBytes = 0;
  let last: FileLine | undefined;
  const flush = async () => {
    const byTopic = new Map<Topic, Pending[]>();
    for (const p of batch) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p]);
    for (const [topic, items] of byTopic) {
      const result = await o.target.send(topic, items.map((p) => p.text));
      state.accepted += result.accepted;
      count(topic).accepted += result.accepted;
      for (const r of result.rejected) {
        const item = items[r.index];
        reject(item?.line.line ?? 0, topic, r.reason, item?.text ?? '', r.errors);
      }
    }
    // Every line up to `last` is now stored, dead-lettered or in the rejects file.
    if (last) {
      state.offset = last.end;
      state.line = last.line + 1;
    }
    writeState(o.statePath, state);
    batch = [];
    batchBytes = 0;
    o.onProgress?.({ bytes: state.offset, totalBytes, line: state.line, accepted: state.accepted, rejected: state.rejected });
  };

  for await (const line of readLines(o.file, state.offset, state.line)) {
    last = line;
    const parsed = parseLine(line.text, o.topic, o.objectLinesOnly ?? false);
    if (parsed === 'blank') {
      // nothing to send; the checkpoint passes it with the batch
    } else if ('reason' in parsed) {
      reject(line.line, parsed.topic, parsed.reason, line.text);
    } else {
      batch.push({ line, topic: parsed.topic, text: parsed.text });
      batchBytes += parsed.text.length;
    }
    if (batch.length >= maxLines || batchBytes >= maxBytes) {
      await flush();
      if (o.stopRequested?.()) return summary('stopped', resumedAt);
    }
  }
  await flush();
  state.done = true;
  writeState(o.statePath, state);
  return summary('done', resumedAt);
}

type Parsed = 'blank' | { topic: Topic; text: string } | { topic: string; reason: string };

function parseLine(text: string, topic: Topic | undefined, objectsOnly: boolean): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return 'blank';
  if (topic) {
    if (objectsOnly && !trimmed.startsWith('{')) return { topic, reason: 'not a JSON object' };
    return { topic, text };
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(trimmed);
  } catch (err) {
    return { topic: '', reason: `not valid JSON: ${(err as Error).message}` };
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) return { topic: '', reason: 'envelope must be a JSON object {"topic": …, "event": {…}}' };
  const { topic: t, event } = envelope as { topic?: unknown; event?: unknown };
  if (typeof t !== 'string' || !isTopic(t)) return { topic: typeof t === 'string' ? t : '', reason: `envelope topic must be one of ${TOPICS.join(', ')}, got ${JSON.stringify(t)}` };
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return { topic: t, reason: 'envelope "event" must be a JSON object' };
  return { topic: t, text: JSON.stringify(event) };
}
