import Type from 'typebox';
import { EventEnvelope, Id, Region } from './common.ts';
import { inTimeRange, TIME_RANGE_TEXT } from './limits.ts';

export const DIRECTIONS = ['outbound', 'return'] as const;
export const SCAN_STATUSES = [
  'created',
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
  'returned_to_sender',
] as const;

export const LogisticsEvent = Type.Object(
  {
    ...EventEnvelope,
    shipment_id: Id('Shipment (waybill) id'),
    order_id: Id('Order shipped'),
    carrier: Type.String({ minLength: 1, maxLength: 64 }),
    direction: Type.Enum([...DIRECTIONS]),
    status: Type.Enum([...SCAN_STATUSES]),
    origin_region: Region('Origin'),
    dest_region: Region('Destination'),
    promised_at: Type.String({ format: 'date-time', description: 'Promised delivery time' }),
    exception_code: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: true, title: 'logistics', description: 'One carrier scan.' },
);
export type LogisticsEvent = Type.Static<typeof LogisticsEvent>;

/** promised_at is stored like occurred_at: the same range (contracts/limits.ts). */
export function logisticsRefinement(e: LogisticsEvent): string | undefined {
  return inTimeRange(e.promised_at) ? undefined : `/promised_at: must be ${TIME_RANGE_TEXT}`;
}
