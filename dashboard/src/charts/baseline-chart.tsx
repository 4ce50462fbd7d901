import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { skuLabel } from '../components/sku-name.tsx';
import { formatPercent } from '../shaping/format.ts';
import type { SkuView } from '../shaping/skus.ts';
import { COLORS } from './chart-format.ts';
import { ChartLegend } from './chart-legend.tsx';
import { baselineFill, baselineLegend } from './series-colors.ts';

/**
 * Return rate of each SKU (by product title, else id) beside the rate its category would
 * predict (the baseline). Flagged SKUs' bars are red; the legend comes from the same colours.
 */
export function BaselineChart({ rows, height = 240 }: { rows: SkuView[]; height?: number }) {
  const { t } = useTranslation();
  const tilt = rows.length > 4;
  const data = rows.map((r) => ({ key: r.key, label: skuLabel(r.key, r.title, tilt ? 10 : 16), name: r.title ? `${r.title} (${r.key})` : r.key, rate: r.return_rate ?? 0, baseline: r.baseline_return_rate ?? 0, flagged: r.flagged }));
  return (
    <div className="chart" data-testid="baseline-chart">
      <ChartLegend entries={baselineLegend(rows)} />
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#f1f5f9" vertical={false} />
          <XAxis dataKey="label" fontSize={11} interval={0} angle={tilt ? -30 : 0} textAnchor={tilt ? 'end' : 'middle'} height={tilt ? 64 : 24} />
          <YAxis fontSize={11} width={48} tickFormatter={(v: number) => formatPercent(v, 0)} />
          <Tooltip
            labelFormatter={(_l, items) => String((items?.[0]?.payload as { name?: string } | undefined)?.name ?? _l)}
            formatter={(v, name) => [formatPercent(Number(v)), name === 'baseline' ? t('skus.baseline') : t('skus.returnRate')]}
          />
          <Bar dataKey="rate" fill={baselineFill(false)} isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.key} fill={baselineFill(d.flagged)} />
            ))}
          </Bar>
          <Bar dataKey="baseline" fill={COLORS.baseline} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
