import { describe, expect, it } from 'vitest';
import { bodyPieces } from './raw-insert.ts';

describe('bodyPieces', () => {
  it('is the rows as newline-terminated UTF-8, cut into small pieces only between rows', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => JSON.stringify({ event_id: `e${i}`, text: i % 3 === 0 ? '售后雷达：全网最低价？' : 'plain ascii text' }));
    const pieces = bodyPieces(rows);
    expect(Buffer.concat(pieces).toString('utf8')).toBe(`${rows.join('\n')}\n`);
    expect(pieces.length).toBeGreaterThan(4);
    for (const p of pieces) {
      const text = p.toString('utf8');
      expect(text.endsWith('\n')).toBe(true);
      expect(text.length).toBeLessThan(32_768 + 100); // one row past the piece size at most
    }
  });

  it('gives one piece for one row and none for no rows', () => {
    expect(bodyPieces(['{"a":1}']).map((p) => p.toString())).toEqual(['{"a":1}\n']);
    expect(bodyPieces([])).toEqual([]);
  });
});
