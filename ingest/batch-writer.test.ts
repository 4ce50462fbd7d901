import { describe, expect, it } from 'vitest';
import { BatchWriter } from './batch-writer.ts';
import { classifyInsertFailure } from './insert-errors.ts';
import { blockOfTexts, type RowOwner } from './row-block.ts';

/** An engine error as @clickhouse/client raises it: a numeric code and a type. */
function engineError(code: string, type: string, message: string): Error {
  return Object.assign(new Error(message), { code, type });
}

/** A fake insert that refuses any body containing `poison`, like the engine refusing one row. */
function fakeEngine(refuse: (body: string) => Error | undefined) {
  const stored: string[] = [];
  let calls = 0;
  const insert = async (_table: string, _cols: string[] | undefined, body: readonly Buffer[]) => {
    calls++;
    const text = Buffer.concat(body).toString('utf8');
    const err = refuse(text);
    if (err) throw err;
    stored.push(...text.split('\n').filter(Boolean));
  };
  return { insert, stored, calls: () => calls };
}

function owner() {
  const refused: Array<{ source: number; reason: string }> = [];
  const o: RowOwner = { refused: async (source, reason) => void refused.push({ source, reason }) };
  return { o, refused };
}

const opts = { maxRows: 1000, maxDelayMs: 5, maxInFlight: 2 };

describe('BatchWriter refusals', () => {
  it('bisects any engine data error down to the refused rows, whichever code it has', async () => {
    // CANNOT_PARSE_ESCAPE_SEQUENCE (25) and TOO_DEEP_RECURSION (306) were missed by the old list.
    for (const [code, type] of [['25', 'CANNOT_PARSE_ESCAPE_SEQUENCE'], ['306', 'TOO_DEEP_RECURSION'], ['6', 'CANNOT_PARSE_TEXT']] as const) {
      const engine = fakeEngine((b) => (b.includes('poison') ? engineError(code, type, `bad row\nstack`) : undefined));
      const w = new BatchWriter(engine.insert, 't', opts);
      const a = owner();
      const b = owner();
      const rowsA = Array.from({ length: 20 }, (_, i) => JSON.stringify({ i, who: i === 13 ? 'poison' : 'a' }));
      const rowsB = Array.from({ length: 20 }, (_, i) => JSON.stringify({ i, who: 'b' }));
      await Promise.all([w.append(blockOfTexts(rowsA, a.o)), w.append(blockOfTexts(rowsB, b.o))]);
      expect(engine.stored).toHaveLength(39);
      expect(a.refused).toEqual([{ source: 13, reason: `rejected by ClickHouse: ${type}: bad row` }]);
      expect(b.refused).toEqual([]);
    }
  });

  it('gives an outage back to the callers, whole', async () => {
    const engine = fakeEngine(() => engineError('241', 'MEMORY_LIMIT_EXCEEDED', 'memory'));
    const w = new BatchWriter(engine.insert, 't', opts);
    const a = owner();
    await expect(w.append(blockOfTexts(['{"x":1}', '{"x":2}'], a.o))).rejects.toThrow('memory');
    expect(a.refused).toEqual([]);
    expect(engine.calls()).toBe(1);
    await expect(w.append(blockOfTexts(['{"x":1}'], a.o))).rejects.toThrow('memory');
    // no code at all: a socket error
    const down = fakeEngine(() => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    await expect(new BatchWriter(down.insert, 't', opts).append(blockOfTexts(['{"x":1}'], a.o))).rejects.toThrow('ECONNREFUSED');
  });

  it('splits a batch touching too many partitions and refuses no row', async () => {
    const tooMany = () => engineError('252', 'TOO_MANY_PARTS', 'Too many partitions for single INSERT block (more than 100).');
    const engine = fakeEngine((b) => (b.split('\n').filter(Boolean).length > 30 ? tooMany() : undefined));
    const w = new BatchWriter(engine.insert, 't', opts);
    const a = owner();
    await w.append(blockOfTexts(Array.from({ length: 200 }, (_, i) => `{"m":${i}}`), a.o));
    expect(engine.stored).toHaveLength(200);
    expect(a.refused).toEqual([]);
  });

  it('classifies: 252 about merges is an outage, about partitions a split, unknown codes data', () => {
    expect(classifyInsertFailure(engineError('252', 'TOO_MANY_PARTS', 'Too many parts (300). Merges are processing significantly slower'))).toBe('outage');
    expect(classifyInsertFailure(engineError('252', 'TOO_MANY_PARTS', 'Too many partitions for single INSERT block'))).toBe('split');
    expect(classifyInsertFailure(engineError('12345', 'NEW_CODE', 'x'))).toBe('data');
    expect(classifyInsertFailure(new Error('plain'))).toBe('outage');
  });
});
