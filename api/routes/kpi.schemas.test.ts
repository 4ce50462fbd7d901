import { describe, expect, it } from 'vitest';
import { BadRequestError, DAY, resolveWindow } from './kpi.schemas.ts';

const now = new Date('2026-11-10T08:20:30.250Z');

describe('resolveWindow', () => {
  it('defaults to the span ending at the last whole minute', () => {
    expect(resolveWindow({}, DAY, now)).toEqual({ from: new Date('2026-11-09T08:20:00Z'), to: new Date('2026-11-10T08:20:00Z') });
  });

  it('keeps explicit ends to the millisecond', () => {
    const q = { from: '2026-11-10T01:00:00.5Z', to: '2026-11-10T02:00:00.75Z' };
    expect(resolveWindow(q, DAY, now)).toEqual({ from: new Date(q.from), to: new Date(q.to) });
    expect(resolveWindow({ from: '2026-11-10T01:00:00Z' }, DAY, now).to).toEqual(new Date('2026-11-10T08:20:00Z'));
  });

  it('an explicit from inside the current minute runs up to now, not to an earlier end', () => {
    expect(resolveWindow({ from: '2026-11-10T08:20:10Z' }, DAY, now)).toEqual({ from: new Date('2026-11-10T08:20:10Z'), to: now });
  });

  it('names the bad field', () => {
    expect(() => resolveWindow({ from: '2026-11-10T09:00:00Z', to: '2026-11-10T08:00:00Z' }, DAY, now)).toThrow(BadRequestError);
  });
});
