import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatCount, formatPercent, type Lang } from '../shaping/format.ts';
import type { ReasonBar } from '../shaping/reasons.ts';

/** Reason mix: count per reason code, coloured by 无理由 / 品质 / other. */
export function ReasonChart({ bars, height }: { bars: ReasonBar[]; height?: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const data = bars.map((b) => ({ ...b, label: t(`reason.${b.code}`, { defaultValue: b.code }) }));
  return (
    <div className="chart" data-testid="reason-chart">
      <ResponsiveContainer width="100%" height={height ?? Math.max(140, data.length * 24 + 30)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 40, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#f1f5f9" horizontal={false} />
          <XAxis type="number" fontSize={11} allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={112} fontSize={11} interval={0} />
          <Tooltip formatter={(v, _n, item) => [`${formatCount(Number(v), lang)} (${formatPercent((item.payload as ReasonBar).share)})`, t(`reasonGroup.${(item.payload as ReasonBar).group}`)]} />
          <Bar dataKey="count" isAnimationActive={false} label={{ position: 'right', fontSize: 11, formatter: (v: unknown) => formatCount(Number(v), lang) }}>
            {data.map((b) => (
              <Cell key={b.code} fill={b.color} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
