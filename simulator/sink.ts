import type { Topic } from '../contracts/index.ts';

/**
 * Where simulated events go: the HTTP ingest endpoint, Kafka, or (written elsewhere) straight
 * into the in-process ingest pipeline. `send` resolves once the destination has accepted the
 * batch — that is the backpressure the runner relies on — and rejects with the destination's
 * own explanation otherwise.
 */
export interface EventSink {
  send(topic: Topic, events: object[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The message key of an event: refund_id for refunds (all steps of one refund stay in one
 * partition, so their relative order survives), order_id for orders, live_session_id for
 * transcripts, shipment_id for logistics.
 */
export const KEY_FIELD: Record<Topic, string> = {
  orders: 'order_id',
  refunds: 'refund_id',
  'livestream-transcripts': 'live_session_id',
  logistics: 'shipment_id',
};

export function messageKey(topic: Topic, event: object): string {
  const value = (event as Record<string, unknown>)[KEY_FIELD[topic]];
  if (typeof value !== 'string') throw new TypeError(`${topic} event without a string ${KEY_FIELD[topic]}`);
  return value;
}
