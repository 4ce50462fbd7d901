import { useTranslation } from 'react-i18next';
import type { SessionTimeline } from '../../api/session-types.ts';
import { MinuteChart } from '../../charts/minute-chart.tsx';
import { TopicChart } from '../../charts/topic-chart.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import type { Loadable } from '../../queries/use-api.ts';
import { formatCount, type Lang } from '../../shaping/format.ts';
import { minuteSeries, topicTimeline } from '../../shaping/session-minutes.ts';

/** Orders, refunds, wording hits and viewer questions along the session, per minute of it. */
export function MinutesPanel({ timeline }: { timeline: Loadable<SessionTimeline> }) {
  const { t } = useTranslation();
  const points = timeline.data ? minuteSeries(timeline.data.orders_by_minute, timeline.data.segments) : [];
  return (
    <Panel
      title={t('session.minutes')}
      testId="minutes-panel"
      {...loadState(timeline)}
      empty={timeline.data !== undefined && points.length === 0}
      note={t('session.wholeSession')}
    >
      <MinuteChart points={points} />
    </Panel>
  );
}

/** What viewers asked about, over the session, with each topic's total. */
export function TopicsPanel({ timeline }: { timeline: Loadable<SessionTimeline> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const topics = timeline.data ? topicTimeline(timeline.data.segments) : undefined;
  const totals = timeline.data?.viewer_topics ?? [];
  return (
    <Panel
      title={t('session.topics')}
      testId="topics-panel"
      {...loadState(timeline)}
      empty={topics !== undefined && topics.buckets.length === 0}
      emptyText={t('session.noQuestions')}
      note={topics && t('session.perBucket', { n: topics.bucketMinutes })}
    >
      {topics && (
        <>
          <p className="row gap wrap small">
            {totals.map((x) => (
              <span key={x.topic} className="badge topic">
                {t(`topic.${x.topic}`, { defaultValue: x.topic })} {formatCount(x.comments, lang)}
              </span>
            ))}
          </p>
          <TopicChart timeline={topics} />
        </>
      )}
    </Panel>
  );
}
