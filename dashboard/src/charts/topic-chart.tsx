import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { TopicTimeline } from '../shaping/session-minutes.ts';

const PALETTE = ['#2563eb', '#f59e0b', '#16a34a', '#dc2626', '#7c3aed', '#0891b2', '#64748b'];

/** Viewer question topics over a session: one stacked bar per bucket of minutes. */
export function TopicChart({ timeline, height = 200 }: { timeline: TopicTimeline; height?: number }) {
  const { t } = useTranslation();
  const name = (topic: string) => t(`topic.${topic}`, { defaultValue: topic });
  return (
    <div className="chart" data-testid="topic-chart">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={timeline.buckets} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#f1f5f9" vertical={false} />
          <XAxis dataKey="minute" fontSize={11} tickFormatter={(m: number) => `${m}′`} minTickGap={16} />
          <YAxis fontSize={11} width={32} allowDecimals={false} />
          <Tooltip labelFormatter={(m) => t('session.minute', { m: String(m) })} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {timeline.topics.map((topic, i) => (
            <Bar key={topic} name={name(topic)} dataKey={(b: TopicTimeline['buckets'][number]) => b.counts[topic] ?? 0} stackId="q" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
