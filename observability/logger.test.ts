import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../config/config.ts';
import { chooseLogFormat, commandLogger, createLogger, prettyDestination } from './logger.ts';
import { startTerminalBar } from './progress-bar.ts';
import { writeStderr } from './terminal.ts';

const realIsTTY = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
function stderrIsTTY(value: boolean): void {
  Object.defineProperty(process.stderr, 'isTTY', { value, configurable: true, writable: true });
}
afterEach(() => {
  if (realIsTTY) Object.defineProperty(process.stderr, 'isTTY', realIsTTY);
  else delete (process.stderr as { isTTY?: boolean }).isTTY;
  vi.restoreAllMocks();
});

/** What a logger built from this environment writes to stderr for one info line. */
function logged(env: Record<string, string>, tty: boolean): string {
  stderrIsTTY(tty);
  const writes: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    writes.push(String(chunk));
    return true;
  });
  commandLogger(loadConfig(env)).info({ role: 'simulator', events: 715206 }, 'backfill done');
  return writes.join('');
}

describe('log format', () => {
  it('auto: pretty on a terminal, JSON otherwise; an explicit setting wins either way', () => {
    expect(chooseLogFormat('auto', true)).toBe('pretty');
    expect(chooseLogFormat('auto', false)).toBe('json');
    expect(chooseLogFormat('json', true)).toBe('json');
    expect(chooseLogFormat('pretty', false)).toBe('pretty');
  });

  it('RADAR_LOG_FORMAT defaults to auto and refuses anything else than auto, pretty, json', () => {
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ RADAR_LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ RADAR_LOG_FORMAT: 'text' })).toThrow(ConfigError);
    expect(() => loadConfig({ RADAR_LOG_FORMAT: 'text' })).toThrow(/RADAR_LOG_FORMAT/);
  });

  it('a command on a terminal prints a readable line: time, level, role, message, fields', () => {
    const out = logged({}, true);
    expect(() => JSON.parse(out)).toThrow();
    expect(out.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: simulator: backfill done \{"events":715206\}\n$/);
  });

  it('a command writing into a pipe prints one JSON object a line', () => {
    const line = JSON.parse(logged({}, false)) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, msg: 'backfill done', role: 'simulator', events: 715206 });
  });

  it('RADAR_LOG_FORMAT overrides what the terminal suggests', () => {
    expect(JSON.parse(logged({ RADAR_LOG_FORMAT: 'json' }, true))).toMatchObject({ msg: 'backfill done' });
    expect(logged({ RADAR_LOG_FORMAT: 'pretty' }, false)).toMatch(/INFO: simulator: backfill done/);
  });

  it('pretty lines keep secrets out, as the JSON ones do', () => {
    const lines: string[] = [];
    const log = createLogger('info', 'radar', prettyDestination((t) => lines.push(t), false));
    log.info({ token: 'radar_0123_secret', req: { headers: { authorization: 'Bearer radar_0123_secret' } } }, 'signed in');
    expect(lines.join('')).toContain('signed in');
    expect(lines.join('')).not.toContain('radar_0123_secret');
  });
});

describe('progress bar and log lines on one terminal', () => {
  it('a log line written while the bar is drawn is printed above it, not into it', () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
    let screen = '';
    tty.on('data', (b: Buffer) => (screen += b.toString()));
    const direct = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const bar = startTerminalBar('backfill {bar} {percentage}%', 10, {}, tty);
    bar.update(5, {});
    writeStderr('a log line\n');
    expect(direct).not.toHaveBeenCalled();
    bar.stop();
    expect(screen).toContain('a log line\n');
    expect(screen.lastIndexOf('a log line')).toBeLessThan(screen.lastIndexOf('50%'));
    writeStderr('after the bar\n');
    expect(direct.mock.calls.map((c) => String(c[0])).join('')).toContain('after the bar');
  });
});
