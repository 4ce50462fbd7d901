import { useTranslation } from 'react-i18next';
import type { SessionTimeline, TimelineSegment } from '../../api/session-types.ts';
import { HitMark } from '../../components/hit-mark.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import type { Loadable } from '../../queries/use-api.ts';
import { updateQuery, useRoute } from '../../router/use-route.ts';
import { formatCount, formatOffset, type Lang } from '../../shaping/format.ts';
import { markHits } from '../../shaping/hit-marks.ts';

const marked = (s: TimelineSegment) => s.hits.length > 0 || s.topics.length > 0;

/**
 * The session's transcript as a timeline: every line at its offset, wording hits marked at their
 * exact spans (term, rule and safer wording on hover or focus), viewer questions tagged with
 * their topics. `lines=marked` in the URL keeps only lines with a hit or a question — a long
 * session has thousands of lines.
 */
export function TranscriptPanel({ timeline }: { timeline: Loadable<SessionTimeline> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { query } = useRoute();
  const onlyMarked = query.lines === 'marked';
  const segments = timeline.data?.segments ?? [];
  const shown = onlyMarked ? segments.filter(marked) : segments;
  const hits = segments.reduce((n, s) => n + s.hits.length, 0);
  const questions = segments.filter((s) => s.topics.length > 0).length;
  const last = segments[segments.length - 1];
  return (
    <Panel
      title={t('session.transcript')}
      testId="transcript-panel"
      {...loadState(timeline)}
      empty={timeline.data !== undefined && shown.length === 0}
      emptyText={onlyMarked && segments.length > 0 ? t('session.noMarked') : t('session.noTranscript')}
      note={timeline.data && t('session.transcriptNote', { lines: formatCount(segments.length, lang), hits: formatCount(hits, lang), questions: formatCount(questions, lang) })}
      actions={
        <label className="row gap small">
          <input type="checkbox" checked={onlyMarked} onChange={(e) => updateQuery({ lines: e.target.checked ? 'marked' : undefined }, { replace: true })} />
          {t('session.onlyMarked')}
        </label>
      }
    >
      <ol className="timeline transcript" data-testid="transcript">
        {shown.map((s) => (
          <li key={s.event_id} className={`speaker-${s.speaker}${s.hits.length > 0 ? ' has-hit' : ''}`} data-testid="transcript-line">
            <span className="offset">{formatOffset(s.offset_ms)}</span>
            <span className="speaker">{t(`speaker.${s.speaker}`, { defaultValue: s.speaker })}</span>
            <span className="text">
              {markHits(s.text, s.hits).map((p) => (p.hits.length > 0 ? <HitMark key={p.start} piece={p} /> : <span key={p.start}>{p.text}</span>))}
              {s.topics.map((topic) => (
                <span key={topic} className="badge topic" data-testid="line-topic">
                  {t(`topic.${topic}`, { defaultValue: topic })}
                </span>
              ))}
            </span>
          </li>
        ))}
      </ol>
      {(timeline.data?.truncated || query.from_ms) && (
        <p className="row gap small muted">
          {timeline.data?.truncated && t('session.truncated', { n: formatCount(segments.length, lang) })}
          {query.from_ms && (
            <button type="button" className="ghost small" onClick={() => updateQuery({ from_ms: undefined })}>
              {t('session.fromStart')}
            </button>
          )}
          {/* From the last line shown, not after it: lines sharing its offset must not be skipped. */}
          {timeline.data?.truncated && last && (
            <button type="button" className="ghost small" onClick={() => updateQuery({ from_ms: String(last.offset_ms) })}>
              {t('session.later')}
            </button>
          )}
        </p>
      )}
    </Panel>
  );
}
