import { describe, expect, it } from 'vitest';
import { MAX_DAYS, sessionWindow } from './session-window.ts';

const now = Date.parse('2026-12-03T12:00:00Z');

describe('sessionWindow', () => {
  it('starts at the hour of the earliest transcript line or order and ends now', () => {
    const w = sessionWindow({ started_at: '2026-11-25T19:42:10Z', first_order_at: '2026-11-25T19:40:01Z' }, now);
    expect(w?.from.toISOString()).toBe('2026-11-25T19:00:00.000Z');
    expect(w?.to.getTime()).toBe(now);
  });

  it('uses the orders alone when there is no transcript, and nothing without either', () => {
    expect(sessionWindow({ started_at: null, first_order_at: '2026-12-01T08:05:00Z' }, now)?.from.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(sessionWindow({ started_at: null, first_order_at: null }, now)).toBeNull();
    expect(sessionWindow(undefined, now)).toBeNull();
  });

  it('never asks for more than the API allows', () => {
    const w = sessionWindow({ started_at: '2020-01-01T00:00:00Z', first_order_at: null }, now)!;
    expect(w.to.getTime() - w.from.getTime()).toBe(MAX_DAYS * 86_400_000);
  });
});
