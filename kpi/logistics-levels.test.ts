import { describe, expect, it } from 'vitest';
import { filterParams } from './filters.ts';
import { shipmentLevel, splitHours } from './logistics-levels.ts';

const d = (s: string) => new Date(`${s}Z`);

describe('shipmentLevel', () => {
  it('reads the finest filter level, with its key', () => {
    expect(shipmentLevel(filterParams({}))).toEqual({ level: 'all', key: '' });
    expect(shipmentLevel(filterParams({ category: '美妆' }))).toEqual({ level: 'all', key: '' });
    expect(shipmentLevel(filterParams({ shop_id: 'S1', category: '美妆' }))).toEqual({ level: 'shop', key: 'S1' });
    expect(shipmentLevel(filterParams({ shop_id: 'S1', host_id: 'H1' }))).toEqual({ level: 'host', key: 'H1' });
    expect(shipmentLevel(filterParams({ host_id: 'H1', live_session_id: 'L1' }))).toEqual({ level: 'session', key: 'L1' });
    expect(shipmentLevel(filterParams({}, { host_id: 'H2' }))).toEqual({ level: 'host', key: 'H2' });
  });

  it('leaves SKU filters and a key filter of "nothing" to the facts', () => {
    expect(shipmentLevel(filterParams({ sku_id: 'K1' }))).toBeNull();
    expect(shipmentLevel(filterParams({ host_id: 'H1' }, { host_id: 'H2' }))).toBeNull(); // host '' = nothing
    // A category outside the scope is tested on the row column, which the rollup carries.
    expect(shipmentLevel(filterParams({ category: '食品' }, { categories: ['美妆'] }))).toEqual({ level: 'all', key: '' });
  });
});

describe('splitHours', () => {
  it('whole hours inside, partial hours at both ends', () => {
    expect(splitHours(d('2026-11-10T08:20:00.001'), d('2026-11-10T11:05:00.999'))).toEqual({
      hoursFrom: d('2026-11-10T09:00:00'),
      hoursTo: d('2026-11-10T11:00:00'),
      headTo: d('2026-11-10T09:00:00'),
      tailFrom: d('2026-11-10T11:00:00'),
    });
  });

  it('all raw when no whole hour fits, and nothing raw on hour edges', () => {
    const lo = d('2026-11-10T08:20:00.001');
    const hi = d('2026-11-10T09:59:59.999');
    expect(splitHours(lo, hi)).toEqual({ hoursFrom: d('2026-11-10T09:00:00'), hoursTo: d('2026-11-10T09:00:00'), headTo: hi, tailFrom: hi });
    const aligned = splitHours(d('2026-11-10T08:00:00'), d('2026-11-10T10:00:00'));
    expect([aligned.headTo, aligned.tailFrom]).toEqual([d('2026-11-10T08:00:00'), d('2026-11-10T10:00:00')]);
    const empty = splitHours(d('2026-11-10T12:30:00'), d('2026-11-10T10:00:00'));
    expect(empty.hoursFrom.getTime()).toBeGreaterThanOrEqual(empty.hoursTo.getTime());
  });
});
