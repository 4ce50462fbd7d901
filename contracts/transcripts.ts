import Type from 'typebox';
import { EventEnvelope, Id } from './common.ts';
import { MAX_SESSION_OFFSET_MS } from './limits.ts';

export const SPEAKERS = ['host', 'assistant', 'viewer'] as const;

export const TranscriptEvent = Type.Object(
  {
    ...EventEnvelope,
    live_session_id: Id('Live session'),
    host_id: Id('Host of the session'),
    shop_id: Id('Shop id'),
    speaker: Type.Enum([...SPEAKERS], { description: 'host / assistant (场控) ASR segment, or a viewer comment' }),
    text: Type.String({ minLength: 1, maxLength: 4000 }),
    sku_id: Type.Optional(Type.String({ maxLength: 128, description: 'SKU on screen when it was said' })),
    offset_ms: Type.Integer({ minimum: 0, maximum: MAX_SESSION_OFFSET_MS, description: 'Offset from the start of the session' }),
  },
  { additionalProperties: true, title: 'livestream-transcripts', description: 'One ASR segment of the host, or one viewer comment.' },
);
export type TranscriptEvent = Type.Static<typeof TranscriptEvent>;
