import { useTranslation } from 'react-i18next';
import type { Segment } from '../../api/types.ts';
import { formatOffset } from '../../shaping/format.ts';
import { highlightMany } from '../../shaping/reminders.ts';
import { termSpans } from '../../shaping/transcript.ts';

/**
 * A stretch of the session's transcript as a timeline: who spoke when, the order's moment
 * marked between the lines, and the host's promises about the SKU highlighted.
 */
export function TranscriptView({ segments, promises, orderOffset }: { segments: Segment[]; promises: (Segment & { matched_terms: string[] })[]; orderOffset: number }) {
  const { t } = useTranslation();
  const promised = new Map(promises.map((p) => [p.event_id, p.matched_terms]));
  const sorted = [...segments].sort((a, b) => a.offset_ms - b.offset_ms);
  const orderAt = sorted.findIndex((s) => s.offset_ms > orderOffset);
  const rows: (Segment | 'order')[] = [...sorted];
  rows.splice(orderAt === -1 ? rows.length : orderAt, 0, 'order');
  return (
    <ol className="timeline">
      {rows.map((s) =>
        s === 'order' ? (
          <li key="order" className="timeline-order" data-testid="order-moment">
            <span className="offset">{formatOffset(orderOffset)}</span> {t('trace.orderPlaced')}
          </li>
        ) : (
          <li key={s.event_id} className={`speaker-${s.speaker}${promised.has(s.event_id) ? ' promise' : ''}`}>
            <span className="offset">{formatOffset(s.offset_ms)}</span>
            <span className="speaker">{t(`speaker.${s.speaker}`, { defaultValue: s.speaker })}</span>
            <span className="text">
              {highlightMany(s.text, termSpans(s.text, promised.get(s.event_id) ?? [])).map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
            </span>
          </li>
        ),
      )}
    </ol>
  );
}
