import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../shaping/format.ts';
import type { SkuView } from '../shaping/skus.ts';
import { COLORS } from './chart-format.ts';

/** Return rate of each SKU beside the rate its category would predict (the baseline). */
export function BaselineChart({ rows, height = 240 }: { rows: SkuView[]; height?: number }) {
  const { t } = useTranslation();
  const tilt = rows.length > 4;
  const data = rows.map((r) => ({ key: r.key, rate: r.return_rate ?? 0, baseline: r.baseline_return_rate ?? 0, flagged: r.flagged }));
  return (
    <div className="chart" data-testid="baseline-chart">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#f1f5f9" vertical={false} />
          <XAxis dataKey="key" fontSize={11} interval={0} angle={tilt ? -30 : 0} textAnchor={tilt ? 'end' : 'middle'} height={tilt ? 50 : 24} />
          <YAxis fontSize={11} width={48} tickFormatter={(v: number) => formatPercent(v, 0)} />
          <Tooltip formatter={(v, name) => [formatPercent(Number(v)), name === 'baseline' ? t('skus.baseline') : t('skus.returnRate')]} />
          <Legend formatter={(v: string) => (v === 'baseline' ? t('skus.baseline') : t('skus.returnRate'))} wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="rate" fill={COLORS.current} isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.key} fill={d.flagged ? COLORS.bad : COLORS.current} />
            ))}
          </Bar>
          <Bar dataKey="baseline" fill={COLORS.baseline} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
