import { Command, CommanderError } from 'commander';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerSimulate } from '../cli/commands/simulate.ts';

/** `radar simulate` as the CLI entry wires it: exitOverride, so errors surface as CommanderError. */
function program(): { run: (...args: string[]) => Promise<void>; errors: string[] } {
  const errors: string[] = [];
  const root = new Command('radar').exitOverride().configureOutput({ writeErr: (s) => errors.push(s), writeOut: () => {} });
  registerSimulate(root);
  return { run: async (...args) => void (await root.parseAsync(['node', 'radar', 'simulate', ...args])), errors };
}

async function exitCodeOf(...args: string[]): Promise<{ code: number | undefined; message: string }> {
  const p = program();
  try {
    await p.run(...args);
    return { code: undefined, message: '' };
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    return { code: err.exitCode, message: p.errors.join('') };
  }
}

describe('radar simulate options', () => {
  it.each([
    [['--days', '-1'], /--days must be/],
    [['--rate', 'fast'], /--rate must be/],
    [['--count', '0'], /--count must be a positive integer/],
    [['--seed', '1.5'], /--seed must be an integer/],
    [['--scale', '0'], /--scale must be/],
    [['--target', 'ftp'], /--target must be http or kafka/],
    [['--url', 'localhost:8080'], /--url must be an http\(s\) URL/],
    [['--days', '0', '--rate', '0'], /nothing to do/],
  ])('%j is refused with exit code 2 and a clear message', async (args, pattern) => {
    const { code, message } = await exitCodeOf(...args);
    expect(code).toBe(2);
    expect(message).toMatch(pattern);
  });

  it('kafka without brokers is refused', async () => {
    const saved = process.env.KAFKA_BROKERS;
    delete process.env.KAFKA_BROKERS;
    try {
      const { code, message } = await exitCodeOf('--target', 'kafka');
      expect(code).toBe(2);
      expect(message).toMatch(/--brokers/);
    } finally {
      if (saved !== undefined) process.env.KAFKA_BROKERS = saved;
    }
  });

  it('--help lists every option', async () => {
    let help = '';
    const root = new Command('radar').exitOverride().configureOutput({ writeOut: (s) => (help += s) });
    registerSimulate(root);
    await expect(root.parseAsync(['node', 'radar', 'simulate', '--help'])).rejects.toMatchObject({ exitCode: 0 });
    for (const flag of ['--target', '--url', '--token', '--brokers', '--days', '--rate', '--count', '--seed', '--scale', '--no-incidents']) expect(help).toContain(flag);
  });
});

describe('radar simulate against an HTTP ingest endpoint', () => {
  let server: Server;
  let url = '';
  const received = new Map<string, number>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        const n = text.split('\n').filter(Boolean).length;
        received.set(req.url ?? '', (received.get(req.url ?? '') ?? 0) + n);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ received: n, accepted: n, rejected: 0, rejections: [] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends exactly --count events and prints the totals', async () => {
    const logLevel = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'silent';
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
    try {
      await program().run('--url', url, '--days', '0.2', '--rate', '2000', '--count', '7000', '--no-progress');
    } finally {
      write.mockRestore();
      if (logLevel === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = logLevel;
    }
    const totals = JSON.parse(out.join('').trim()) as { total: number; perTopic: Record<string, number> };
    expect(totals.total).toBe(7000);
    expect([...received.values()].reduce((a, b) => a + b, 0)).toBe(7000);
    expect(received.get('/v1/events/refunds') ?? 0).toBe(totals.perTopic.refunds);
    expect(received.get('/v1/events/logistics') ?? 0).toBe(totals.perTopic.logistics);
  });
});
