import { describe, expect, it } from 'vitest';
import { CONTRACTS, TOPICS, jsonSchemas, type Topic } from './index.ts';
import { REGION_SPELLINGS, regionCode } from './regions.ts';
import { order, refund, scan, transcript } from '../test/helpers/fixtures.ts';

const valid: Record<Topic, object> = {
  orders: order(),
  refunds: refund(),
  'livestream-transcripts': transcript(),
  logistics: scan(),
};

function errorsOf(topic: Topic, value: unknown): string[] {
  const v = CONTRACTS[topic].validate(value);
  return v.ok ? [] : v.errors;
}

describe('event contracts', () => {
  it.each(TOPICS)('%s: accepts a valid event and reports no unknown fields', (topic) => {
    const v = CONTRACTS[topic].validate(valid[topic]);
    expect(v).toMatchObject({ ok: true, unknownFields: [] });
  });

  it.each(TOPICS)('%s: requires the envelope (event_id, occurred_at with a zone, schema_version 1)', (topic) => {
    const { event_id: _drop, ...noId } = valid[topic] as { event_id: string };
    expect(errorsOf(topic, noId).join()).toContain('event_id');
    expect(errorsOf(topic, { ...valid[topic], occurred_at: '2026-11-20 20:15:00' }).join()).toContain('/occurred_at');
    expect(errorsOf(topic, { ...valid[topic], occurred_at: '2026-11-20T20:15:00' }).join()).toContain('/occurred_at');
    expect(errorsOf(topic, { ...valid[topic], occurred_at: '1970-01-01T00:00:00Z' }).join()).toContain('/occurred_at');
    expect(errorsOf(topic, { ...valid[topic], schema_version: 2 }).join()).toContain('/schema_version');
    expect(errorsOf(topic, { ...valid[topic], event_id: '' }).join()).toContain('/event_id');
  });

  it.each(TOPICS)('%s: keeps unknown fields (not fatal) but refuses reserved names', (topic) => {
    const v = CONTRACTS[topic].validate({ ...valid[topic], campaign: 'double11' });
    expect(v).toMatchObject({ ok: true, unknownFields: ['campaign'] });
    expect(errorsOf(topic, { ...valid[topic], _offset: 3 }).join()).toContain('/_offset: reserved');
  });

  it('orders: quantity is a positive integer, amount non-negative, region a province, policy known', () => {
    expect(errorsOf('orders', order({ quantity: 0 }))).toEqual(['/quantity: must be >= 1']);
    expect(errorsOf('orders', order({ quantity: 1.5 })).join()).toContain('/quantity');
    expect(errorsOf('orders', order({ amount: -1 })).join()).toContain('/amount');
    expect(errorsOf('orders', order({ region: '火星' })).join()).toContain('/region');
    expect(errorsOf('orders', order({ refund_policy: 'whenever' as never })).join()).toContain('/refund_policy');
    expect(errorsOf('orders', order({ live_offset_ms: -5 })).join()).toContain('/live_offset_ms');
  });

  it('refunds: enums, and csat only (and always) on status rated', () => {
    expect(errorsOf('refunds', refund({ status: 'lost' as never })).join()).toContain('/status');
    expect(errorsOf('refunds', refund({ reason_code: 'meh' as never })).join()).toContain('/reason_code');
    expect(errorsOf('refunds', refund({ actor: 'robot' as never })).join()).toContain('/actor');
    expect(errorsOf('refunds', refund({ type: 'swap' as never })).join()).toContain('/type');
    expect(errorsOf('refunds', refund({ status: 'rated' }))).toEqual(['/csat: required when status is "rated"']);
    expect(errorsOf('refunds', refund({ status: 'refunded', csat: 5 }))).toEqual(['/csat: only allowed when status is "rated"']);
    expect(errorsOf('refunds', refund({ status: 'rated', csat: 6 })).join()).toContain('/csat');
    expect(CONTRACTS.refunds.validate(refund({ status: 'rated', csat: 4 })).ok).toBe(true);
  });

  it('transcripts: speaker is host / assistant / viewer and text is not empty', () => {
    expect(errorsOf('livestream-transcripts', transcript({ speaker: 'guest' as never })).join()).toContain('/speaker');
    expect(errorsOf('livestream-transcripts', transcript({ text: '' })).join()).toContain('/text');
    expect(CONTRACTS['livestream-transcripts'].validate(transcript({ speaker: 'viewer', sku_id: undefined })).ok).toBe(true);
  });

  it('logistics: direction, status and promised_at with a zone', () => {
    expect(errorsOf('logistics', scan({ direction: 'sideways' as never })).join()).toContain('/direction');
    expect(errorsOf('logistics', scan({ status: 'teleported' as never })).join()).toContain('/status');
    expect(errorsOf('logistics', scan({ promised_at: 'tomorrow' })).join()).toContain('/promised_at');
    expect(errorsOf('logistics', scan({ dest_region: 'Atlantis' })).join()).toContain('/dest_region');
  });

  it('rejects values that are not objects', () => {
    for (const v of [null, 3, 'x', [valid.orders]]) expect(CONTRACTS.orders.validate(v).ok).toBe(false);
  });

  it('regions: every province is accepted by code, full name and short name, and maps to one code', () => {
    expect(REGION_SPELLINGS).toHaveLength(31 * 3);
    expect(regionCode('四川省')).toBe('510000');
    expect(regionCode('四川')).toBe('510000');
    expect(regionCode('510000')).toBe('510000');
    expect(regionCode('Sichuan')).toBeUndefined();
  });

  it('publishes every contract as JSON Schema', () => {
    const schemas = jsonSchemas() as Record<Topic, { title: string; required: string[]; $schema: string }>;
    for (const topic of TOPICS) {
      expect(schemas[topic].title).toBe(topic);
      expect(schemas[topic].required).toContain('event_id');
      expect(schemas[topic].$schema).toContain('2020-12');
    }
  });
});
