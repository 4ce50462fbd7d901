import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSinkError, createHttpSink } from './http-sink.ts';

interface Seen {
  url: string;
  auth: string | undefined;
  type: string | undefined;
  lines: string[];
}

/** A stand-in for the ingest API: records requests and answers as told by the path. */
let server: Server;
let base = '';
const seen: Seen[] = [];
let failuresBeforeSuccess = 0;

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const text = await body(req);
    const lines = text.split('\n').filter(Boolean);
    seen.push({ url: req.url ?? '', auth: req.headers.authorization, type: req.headers['content-type'], lines });
    res.setHeader('content-type', 'application/json');
    if (req.url?.includes('/flaky/') && failuresBeforeSuccess-- > 0) {
      res.statusCode = 503;
      return res.end(JSON.stringify({ message: 'warming up' }));
    }
    if (req.url?.includes('/denied/')) {
      res.statusCode = 401;
      return res.end(JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'token lacks the ingest scope' }));
    }
    if (req.url?.includes('/picky/')) {
      return res.end(JSON.stringify({ received: lines.length, accepted: lines.length - 1, rejected: 1, rejections: [{ line: 1, reason: 'invalid orders event: /amount: bad' }] }));
    }
    res.end(JSON.stringify({ received: lines.length, accepted: lines.length, rejected: 0, rejections: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const events = (n: number) => Array.from({ length: n }, (_, i) => ({ event_id: `e${i}`, order_id: `o${i}` }));

describe('http sink', () => {
  it('POSTs NDJSON to /v1/events/<topic> with the bearer token, in batches of at most 5,000', async () => {
    seen.length = 0;
    const sink = createHttpSink({ baseUrl: `${base}/`, token: 't0k' });
    await sink.send('orders', events(12_001));
    expect(seen.map((s) => s.lines.length)).toEqual([5000, 5000, 2001]);
    expect(seen.every((s) => s.url === '/v1/events/orders' && s.auth === 'Bearer t0k' && s.type === 'application/x-ndjson')).toBe(true);
    expect(JSON.parse(seen[2]!.lines[2000]!)).toEqual({ event_id: 'e12000', order_id: 'o12000' });
  });

  it("throws with the server's message on a non-2xx answer", async () => {
    const sink = createHttpSink({ baseUrl: `${base}/denied`, retries: 0 });
    await expect(sink.send('refunds', events(3))).rejects.toThrow(/401: token lacks the ingest scope/);
    await expect(sink.send('refunds', events(3))).rejects.toBeInstanceOf(HttpSinkError);
  });

  it('throws when a 200 answer still reports rejected events', async () => {
    const sink = createHttpSink({ baseUrl: `${base}/picky` });
    await expect(sink.send('orders', events(2))).rejects.toThrow(/rejected 1 of 2 events \(first: invalid orders event/);
  });

  it('retries 503 (ingest is idempotent by event_id) and succeeds', async () => {
    failuresBeforeSuccess = 2;
    seen.length = 0;
    const sink = createHttpSink({ baseUrl: `${base}/flaky` });
    await sink.send('logistics', events(5));
    expect(seen).toHaveLength(3);
  });

  it('names the connection failure when nothing listens', async () => {
    const sink = createHttpSink({ baseUrl: 'http://127.0.0.1:9', retries: 0 });
    await expect(sink.send('orders', events(1))).rejects.toThrow(/POST http:\/\/127\.0\.0\.1:9\/v1\/events\/orders failed/);
  });
});
