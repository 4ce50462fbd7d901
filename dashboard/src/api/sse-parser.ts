/**
 * An incremental parser of the text/event-stream format (WHATWG HTML §9.2): feed it chunks as
 * they arrive, get whole events back. Kept free of I/O so it is unit-tested on its own.
 */

export interface SseEvent {
  /** `message` when the event has no `event:` line. */
  type: string;
  data: string;
  id: string | undefined;
}

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private type = '';
  private id: string | undefined;
  /** The server's reconnection delay (`retry:` field), when it sent one. */
  retryMs: number | undefined;
  /** The last id seen, kept across events, for Last-Event-ID on reconnect. */
  lastEventId: string | undefined;

  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const out: SseEvent[] = [];
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buffer);
      if (!m) break;
      // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (m[0] === '\r' && m.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      const ev = this.line(line);
      if (ev) out.push(ev);
    }
    return out;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.type = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.id = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
    }
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    if (this.id !== undefined) this.lastEventId = this.id;
    const hasData = this.data.length > 0;
    const ev: SseEvent = { type: this.type || 'message', data: this.data.join('\n'), id: this.id };
    this.data = [];
    this.type = '';
    this.id = undefined;
    return hasData ? ev : undefined;
  }
}
