import { MAX_EXTRA_DEPTH } from '../contracts/limits.ts';

/**
 * An HTTP ingest body is either a JSON array of events or NDJSON (one event per line). Returns
 * the texts to validate; for an array the elements are already parsed.
 */
export type ParsedBody =
  | { kind: 'lines'; lines: string[]; lineNumbers: number[] }
  | { kind: 'array'; values: unknown[] }
  | { kind: 'invalid'; reason: string };

export function parseIngestBody(body: string): ParsedBody {
  let start = 0;
  while (start < body.length && isSpace(body.charCodeAt(start))) start++;
  if (start === body.length) return { kind: 'invalid', reason: 'empty body: send a JSON array of events or NDJSON' };

  if (body.charCodeAt(start) === 0x5b /* [ */) {
    // Elements of an array body are re-serialised (for rows and dead letters), which recurses:
    // a body nested 100,000 deep would overflow the stack. The array and an event take 2 levels.
    const depth = jsonDepthOver(body, MAX_EXTRA_DEPTH + 2);
    if (depth) return { kind: 'invalid', reason: `body is nested deeper than ${MAX_EXTRA_DEPTH + 2} levels (an event's unknown fields may nest ${MAX_EXTRA_DEPTH})` };
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (err) {
      return { kind: 'invalid', reason: `body starts with "[" but is not a valid JSON array: ${(err as Error).message}` };
    }
    if (!Array.isArray(parsed)) return { kind: 'invalid', reason: 'body must be a JSON array of events or NDJSON' };
    return { kind: 'array', values: parsed };
  }

  const lines: string[] = [];
  const lineNumbers: number[] = [];
  let lineNo = 0;
  let from = 0;
  while (from <= body.length) {
    let to = body.indexOf('\n', from);
    if (to === -1) to = body.length;
    lineNo++;
    let end = to;
    if (end > from && body.charCodeAt(end - 1) === 0x0d /* \r */) end--;
    if (end > from && !isBlank(body, from, end)) {
      lines.push(body.slice(from, end));
      lineNumbers.push(lineNo);
    }
    from = to + 1;
  }
  return { kind: 'lines', lines, lineNumbers };
}

/**
 * True when the JSON text nests objects/arrays deeper than `limit` (brackets inside strings do
 * not count). One pass over the characters, no recursion; a malformed text is JSON.parse's to judge.
 */
export function jsonDepthOver(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \\ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}
