import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser.ts';

describe('SSE parser', () => {
  it('parses typed events with ids, across chunk boundaries', () => {
    const p = new SseParser();
    expect(p.push('retry: 3000\n\nid: 1-a\nevent: al')).toEqual([]);
    expect(p.push('ert\ndata: {"x":1}\n\n')).toEqual([{ type: 'alert', data: '{"x":1}', id: '1-a' }]);
    expect(p.lastEventId).toBe('1-a');
    expect(p.retryMs).toBe(3000);
  });

  it('joins multi-line data, skips comments (keepalives) and defaults the type to message', () => {
    const p = new SseParser();
    expect(p.push(': keepalive\n\ndata: a\ndata: b\n\n')).toEqual([{ type: 'message', data: 'a\nb', id: undefined }]);
  });

  it('handles CRLF line endings, including a CR at the end of a chunk', () => {
    const p = new SseParser();
    expect(p.push('event: reminder\r\ndata: 1\r')).toEqual([]);
    expect(p.push('\n\r\n')).toEqual([{ type: 'reminder', data: '1', id: undefined }]);
  });

  it('keeps the last id for reconnects even when a later event has none', () => {
    const p = new SseParser();
    p.push('id: 7\ndata: x\n\ndata: y\n\n');
    expect(p.lastEventId).toBe('7');
  });

  it('reads a field without a colon and a value without the leading space', () => {
    const p = new SseParser();
    expect(p.push('data\n\ndata:z\n\n')).toEqual([
      { type: 'message', data: '', id: undefined },
      { type: 'message', data: 'z', id: undefined },
    ]);
  });
});
