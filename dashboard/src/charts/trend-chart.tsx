import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatValue, type Lang, type Unit } from '../shaping/format.ts';
import type { OverlayRow } from '../shaping/trends.ts';
import { COLORS, axisValue, fullTime, tickTime } from './chart-format.ts';

/** One KPI over time (solid) with the previous period on the same axis (dashed, grey). */
export function TrendChart({ rows, unit, granularity, height = 240 }: { rows: OverlayRow[]; unit: Unit; granularity: string; height?: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  // A series of one or two points draws no line: show its dots.
  const sparse = rows.filter((r) => r.current !== null).length <= 2;
  return (
    <div className="chart" data-testid="trend-chart">
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(v: number) => tickTime(v, granularity)} fontSize={11} minTickGap={24} />
          <YAxis tickFormatter={(v: number) => axisValue(v, unit, lang)} fontSize={11} width={64} allowDecimals={unit !== 'count'} />
          <Tooltip
            labelFormatter={(v) => fullTime(Number(v))}
            formatter={(value, name, item) => {
              const row = item.payload as OverlayRow;
              const label = name === 'previous' && row.previousT !== null ? `${t('chart.previous')} (${fullTime(row.previousT)})` : name === 'previous' ? t('chart.previous') : t('chart.current');
              return [formatValue(typeof value === 'number' ? value : null, unit, lang), label];
            }}
          />
          <Legend formatter={(v: string) => (v === 'previous' ? t('chart.previous') : t('chart.current'))} wrapperStyle={{ fontSize: 12 }} />
          <Line type="monotone" dataKey="previous" stroke={COLORS.previous} strokeDasharray="4 3" dot={false} isAnimationActive={false} connectNulls />
          <Line type="monotone" dataKey="current" stroke={COLORS.current} strokeWidth={2} dot={sparse} isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
