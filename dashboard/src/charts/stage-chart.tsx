import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatDuration, type Lang } from '../shaping/format.ts';
import type { StageBar } from '../shaping/stages.ts';
import { ChartLegend } from './chart-legend.tsx';
import { stageFill, stageLegend } from './series-colors.ts';

/** Stage durations (p50 and p90, hours); the bottleneck stage's bars are red, and the legend says so. */
export function StageChart({ bars, height = 200 }: { bars: StageBar[]; height?: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const data = bars.map((b) => ({ ...b, label: t(`stage.${b.stage}`) + (b.bottleneck ? ' ⚠' : '') }));
  return (
    <div className="chart" data-testid="stage-chart">
      <ChartLegend entries={stageLegend(bars)} />
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#f1f5f9" vertical={false} />
          <XAxis dataKey="label" fontSize={12} interval={0} />
          <YAxis fontSize={11} width={48} tickFormatter={(v: number) => `${v}h`} />
          <Tooltip formatter={(v, name) => [formatDuration(Number(v) * 3600, lang), name === 'p90_h' ? 'p90' : 'p50']} />
          <Bar dataKey="p50_h" fill={stageFill('p50', false)} isAnimationActive={false}>
            {data.map((b) => (
              <Cell key={b.stage} fill={stageFill('p50', b.bottleneck)} />
            ))}
          </Bar>
          <Bar dataKey="p90_h" fill={stageFill('p90', false)} isAnimationActive={false}>
            {data.map((b) => (
              <Cell key={b.stage} fill={stageFill('p90', b.bottleneck)} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
