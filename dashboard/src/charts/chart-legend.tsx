import { useTranslation } from 'react-i18next';
import type { LegendEntry } from './series-colors.ts';

/** A chart's legend drawn from the same entries that colour its bars (charts/series-colors.ts). */
export function ChartLegend({ entries }: { entries: LegendEntry[] }) {
  const { t } = useTranslation();
  return (
    <p className="legend-line chart-legend" data-testid="chart-legend">
      {entries.map((e) => (
        <span key={e.key} className="legend-item" data-color={e.color}>
          <span className="swatch" style={{ background: e.color }} />
          {t(e.label)}
        </span>
      ))}
    </p>
  );
}
