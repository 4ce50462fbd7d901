import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { MinutePoint } from '../shaping/session-minutes.ts';
import { COLORS } from './chart-format.ts';

const SERIES = ['orders', 'refunded', 'hits', 'questions'] as const;

/** A live session minute by minute: orders and refunded orders (bars), wording hits and viewer questions (lines). */
export function MinuteChart({ points, height = 220 }: { points: MinutePoint[]; height?: number }) {
  const { t } = useTranslation();
  const label = (k: string) => t(`session.${k}`);
  return (
    <div className="chart" data-testid="minute-chart">
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#f1f5f9" vertical={false} />
          <XAxis dataKey="minute" fontSize={11} tickFormatter={(m: number) => `${m}′`} minTickGap={16} />
          <YAxis fontSize={11} width={36} allowDecimals={false} />
          <Tooltip labelFormatter={(m) => t('session.minute', { m: String(m) })} formatter={(v, name) => [String(v), label(String(name))]} />
          <Legend formatter={(v: string) => label(v)} itemSorter={(item) => SERIES.indexOf(item.dataKey as (typeof SERIES)[number])} wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey={SERIES[0]} fill="#bfdbfe" isAnimationActive={false} />
          <Bar dataKey={SERIES[1]} fill={COLORS.bad} isAnimationActive={false} />
          <Line dataKey={SERIES[2]} stroke={COLORS.warn} dot={false} isAnimationActive={false} type="stepAfter" />
          <Line dataKey={SERIES[3]} stroke={COLORS.neutral} dot={false} isAnimationActive={false} type="stepAfter" strokeDasharray="4 3" />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
