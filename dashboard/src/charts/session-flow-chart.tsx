import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { TrendPoint } from '../api/types.ts';
import { formatPercent } from '../shaping/format.ts';
import { COLORS, fullTime, tickTime } from './chart-format.ts';

/** Orders per order-time bucket, how many of them were refunded, and the rate (line). */
export function SessionFlowChart({ points, granularity, height = 220 }: { points: TrendPoint[]; granularity: string; height?: number }) {
  const { t } = useTranslation();
  const data = points
    .filter((p) => (p.denominator ?? 0) > 0)
    .map((p) => ({ t: Date.parse(p.bucket), orders: p.denominator ?? 0, refunded: p.numerator ?? 0, rate: p.value }));
  return (
    <div className="chart" data-testid="session-flow-chart">
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#f1f5f9" vertical={false} />
          <XAxis dataKey="t" tickFormatter={(v: number) => tickTime(v, granularity)} fontSize={11} />
          <YAxis yAxisId="n" fontSize={11} width={40} allowDecimals={false} />
          <YAxis yAxisId="r" orientation="right" fontSize={11} width={44} tickFormatter={(v: number) => formatPercent(v, 0)} />
          <Tooltip labelFormatter={(v) => fullTime(Number(v))} formatter={(v, name) => [name === 'rate' ? formatPercent(Number(v)) : String(v), t(`session.${String(name)}`)]} />
          <Legend formatter={(v: string) => t(`session.${v}`)} wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="n" dataKey="orders" fill="#bfdbfe" isAnimationActive={false} />
          <Bar yAxisId="n" dataKey="refunded" fill={COLORS.bad} isAnimationActive={false} />
          <Line yAxisId="r" dataKey="rate" stroke={COLORS.warn} dot={false} isAnimationActive={false} connectNulls />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
