import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../shaping/format.ts';
import type { RegionBar } from '../shaping/regions.ts';
import { COLORS } from './chart-format.ts';

/** Delay rate per destination region against the national rate (dashed line) and 2× it. */
export function RegionChart({ bars, national, highlight, height = 260 }: { bars: RegionBar[]; national: number | null; highlight?: string; height?: number }) {
  const { t } = useTranslation();
  return (
    <div className="chart" data-testid="region-chart">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={bars} margin={{ top: 16, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#f1f5f9" vertical={false} />
          <XAxis dataKey="name" fontSize={11} interval={0} angle={-30} textAnchor="end" height={56} />
          <YAxis fontSize={11} width={48} tickFormatter={(v: number) => formatPercent(v, 0)} />
          <Tooltip formatter={(v, _n, item) => [`${formatPercent(Number(v))} (${(item.payload as RegionBar).delayed}/${(item.payload as RegionBar).due})`, t('logistics.delayRate')]} />
          {national !== null && <ReferenceLine y={national} stroke={COLORS.neutral} strokeDasharray="4 3" label={{ value: t('logistics.national'), position: 'insideTopRight', fontSize: 11 }} />}
          {national !== null && <ReferenceLine y={national * 2} stroke={COLORS.bad} strokeDasharray="2 4" label={{ value: '2×', position: 'insideTopRight', fontSize: 11, fill: COLORS.bad }} />}
          <Bar dataKey="rate" fill={COLORS.current} isAnimationActive={false}>
            {bars.map((b) => (
              <Cell key={b.code} fill={b.flagged ? COLORS.bad : b.code === highlight ? COLORS.warn : COLORS.current} stroke={b.code === highlight ? '#111827' : undefined} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
