import { describe, expect, it } from 'vitest';
import type { BacklogShipment } from '../api/shipment-types.ts';
import { shipmentRows } from './shipments.ts';

const row = (over: Partial<BacklogShipment> = {}): BacklogShipment => ({
  shipment_id: 'SH1',
  order_id: 'O1',
  region_code: '330000',
  region_name: '浙江省',
  carrier: 'SF',
  direction: 'outbound',
  shop_id: 'SHOP1',
  category: '美妆',
  host_id: 'H1',
  live_session_id: 'LS1',
  sku_id: 'SKU1',
  last_status: 'in_transit',
  waiting_since: '2026-11-19T00:00:00.000Z',
  hours_waited: 60.5,
  created_at: '2026-11-18T00:00:00.000Z',
  picked_up_at: '2026-11-18T06:00:00.000Z',
  last_scan_at: '2026-11-19T00:00:00.000Z',
  promised_at: '2026-11-20T00:00:00.000Z',
  ...over,
});

describe('shipmentRows', () => {
  const asOf = '2026-11-21T12:30:00.000Z';
  const now = new Date('2026-11-21T12:30:00.000Z');

  it('shows the wait as a duration and judges the promise against as_of', () => {
    const [r] = shipmentRows([row()], asOf, 'en', now);
    expect(r).toMatchObject({ id: 'SH1', orderId: 'O1', region: '浙江省', carrier: 'SF', status: 'in_transit', hoursWaited: 60.5, pastPromise: true, sku: 'SKU1', host: 'H1' });
    expect(r!.waited).toBe('60.5 h');
    expect(shipmentRows([row()], asOf, 'zh-CN', now)[0]!.waited).toBe('60.5 小时');
    expect(shipmentRows([row({ promised_at: '2026-11-22T00:00:00.000Z' })], asOf, 'en', now)[0]!.pastPromise).toBe(false);
  });

  it('falls back to the region code and a dash for an unknown carrier', () => {
    const [r] = shipmentRows([row({ region_name: '', carrier: null, hours_waited: 100 })], asOf, 'en', now);
    expect(r).toMatchObject({ region: '330000', carrier: '—', waited: '4.2 d' });
  });

  it('is empty for no rows', () => {
    expect(shipmentRows([], asOf, 'en', now)).toEqual([]);
  });
});
