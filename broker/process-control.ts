import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createServer } from 'node:net';

// Process and port plumbing for kafka-broker.ts, kept apart so the broker file reads as the
// broker's lifecycle. Linux-first: /proc is how a recycled pid is told from our broker.

export const HOST = '127.0.0.1';

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(port, HOST, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no address'))));
    });
  });
}

export const freePort = () => listenOnce(0);
export const portIsFree = (port: number) => listenOnce(port).then(() => true, () => false);

export async function readPid(file: string): Promise<number | undefined> {
  try {
    const pid = Number((await fsp.readFile(file, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Guards against a recycled pid: the process must be a broker started on this very config file. */
export function isOurBroker(pid: number, propsFile: string): boolean {
  if (!alive(pid)) return false;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.includes('kafka.Kafka') && cmdline.includes(propsFile);
  } catch {
    return process.platform !== 'linux'; // no /proc to check against: trust the pid file
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie answers kill(0) until its parent reaps it, yet it is gone for our purposes.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

export async function terminate(pid: number, graceMs: number): Promise<void> {
  const waitGone = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (alive(pid) && Date.now() < deadline) await sleep(100);
    return !alive(pid);
  };
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (await waitGone(graceMs)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  if (!(await waitGone(10_000))) throw new Error(`Kafka broker pid ${pid} survived SIGKILL`);
}

export function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.slice(-5).join(' ')} failed: ${err.message}\n${stdout}${stderr}`));
      else resolve();
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
