/**
 * What the warehouse can store, stated once. The contracts refuse anything outside these
 * limits with a reason naming the field, so a value the engine would refuse (and with it, in
 * a shared insert, every row around it) never reaches an insert. docs/limits.md explains them.
 */

/** occurred_at, promised_at: DateTime64(3) holds more, but a time outside this is a producer bug. */
export const EARLIEST_MS = Date.UTC(2000, 0, 1);
export const LATEST_MS = Date.UTC(2100, 0, 1);
export const TIME_RANGE_TEXT = 'between 2000-01-01 and 2100-01-01';

/**
 * live_offset_ms, offset_ms: where in a live session something happened. 30 days is far past
 * any live session and far inside UInt64 and JS's exact integers, so window arithmetic on it
 * (trace, timeline buckets) cannot overflow.
 */
export const MAX_SESSION_OFFSET_MS = 30 * 24 * 3600 * 1000;

/**
 * Nesting of a producer's unknown fields (kept in _extra). The engine refuses JSON deeper than
 * its own limit (TOO_DEEP_RECURSION at ~1,000 levels) when it skips such a field; 32 levels is
 * plenty for real payloads and keeps every walk over them cheap.
 */
export const MAX_EXTRA_DEPTH = 32;

/**
 * Months (partitions) one insert may touch: ClickHouse's max_partitions_per_insert_block
 * default. The batch writer splits a batch that touches more, so events from many months in
 * one request are stored, in several inserts.
 */
export const MAX_PARTITIONS_PER_INSERT = 100;

declare global {
  // ES2024 (Node ≥ 20); the project's lib is ES2022.
  interface String {
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}

/** A lone UTF-16 surrogate (JSON "\ud800") has no UTF-8 form; the engine refuses the row. */
export function loneSurrogateMessage(path: string): string {
  return `${path}: contains a lone UTF-16 surrogate (an unpaired \\ud800–\\udfff escape), which has no UTF-8 form and cannot be stored`;
}

/**
 * Checks one unknown field's value: nesting depth and well-formed strings (keys included).
 * Iterative, so a value nested 100,000 deep costs a loop, not the stack.
 */
export function checkExtraValue(key: string, value: unknown): string | undefined {
  if (!key.isWellFormed()) return loneSurrogateMessage('/(a field name)');
  const stack: Array<{ v: unknown; depth: number; path: string }> = [{ v: value, depth: 0, path: `/${key}` }];
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (!v.isWellFormed()) return loneSurrogateMessage(path);
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_EXTRA_DEPTH) return `${path}: nested deeper than ${MAX_EXTRA_DEPTH} levels`;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], depth: depth + 1, path: `${path}/${i}` });
    } else {
      for (const k in v) {
        if (!k.isWellFormed()) return loneSurrogateMessage(`${path}/(a field name)`);
        stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1, path: `${path}/${k}` });
      }
    }
  }
  return undefined;
}

/** A timestamp string inside TIME_RANGE (the format was checked before). */
export function inTimeRange(s: string): boolean {
  const t = Date.parse(s);
  return t >= EARLIEST_MS && t < LATEST_MS;
}
