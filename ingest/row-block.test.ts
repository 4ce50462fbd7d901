import { describe, expect, it } from 'vitest';
import { RowBlockBuilder, blockOfTexts, rowCount, sliceRows, type RowBlock } from './row-block.ts';

const rowsOf = (b: RowBlock) => b.bytes.toString('utf8').split('\n').slice(0, -1);

describe('RowBlockBuilder', () => {
  it('writes texts as newline-terminated UTF-8 and grows past a too small first guess', () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => JSON.stringify({ event_id: `e${i}`, text: i % 3 === 0 ? '售后雷达：全网最低价？😀' : 'plain ascii text' }));
    const block = blockOfTexts(rows);
    expect(block.bytes.toString('utf8')).toBe(`${rows.join('\n')}\n`);
    const builder = new RowBlockBuilder(10);
    rows.forEach((r, i) => builder.addText(i, r, ''));
    const grown = builder.finish(undefined);
    expect(grown.bytes.equals(block.bytes)).toBe(true);
    expect(grown.ends.length).toBe(3_000);
    expect(grown.ends[grown.ends.length - 1]).toBe(grown.bytes.length);
  });

  it('splices a suffix before the closing brace, from text and from bytes alike', () => {
    const src = Buffer.from('xx{"a":"售后"} \n{"b":1}');
    const builder = new RowBlockBuilder(16);
    builder.addBytes(7, src, 2, 18, ',"_offset":5');
    builder.addBytes(8, src, 18, src.length, '');
    builder.addText(9, '{"c":[1,{"d":2}]}', ',"_extra":"{\\"é\\":1}"');
    const block = builder.finish(undefined);
    expect(rowsOf(block)).toEqual(['{"a":"售后","_offset":5}', '{"b":1}', '{"c":[1,{"d":2}],"_extra":"{\\"é\\":1}"}']);
    for (const row of rowsOf(block)) expect(() => JSON.parse(row)).not.toThrow();
    expect([...block.sources]).toEqual([7, 8, 9]);
  });

  it('does not keep a mostly empty buffer alive', () => {
    const builder = new RowBlockBuilder(1 << 20);
    builder.addText(0, '{"a":1}', '');
    expect(builder.finish(undefined).bytes.buffer.byteLength).toBeLessThan(1 << 16);
  });
});

describe('sliceRows', () => {
  it('cuts rows out of several blocks by their overall index', () => {
    const blocks = [blockOfTexts(['{"r":0}', '{"r":1}', '{"r":2}']), blockOfTexts(['{"r":3}']), blockOfTexts(['{"r":4}', '{"r":5}'])];
    expect(rowCount(blocks)).toBe(6);
    const texts = (bs: RowBlock[]) => bs.flatMap(rowsOf);
    expect(texts(sliceRows(blocks, 0, 6))).toEqual(['{"r":0}', '{"r":1}', '{"r":2}', '{"r":3}', '{"r":4}', '{"r":5}']);
    const middle = sliceRows(blocks, 2, 5);
    expect(texts(middle)).toEqual(['{"r":2}', '{"r":3}', '{"r":4}']);
    expect(middle.map((b) => [...b.sources])).toEqual([[2], [0], [0]]);
    expect(middle.map((b) => b.ends[b.ends.length - 1])).toEqual(middle.map((b) => b.bytes.length));
    expect(sliceRows(blocks, 3, 3)).toEqual([]);
  });
});
