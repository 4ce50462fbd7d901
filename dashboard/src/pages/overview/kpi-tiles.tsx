import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverviewAnswer } from '../../api/types.ts';
import { KpiTile } from '../../components/kpi-tile.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import { WindowNote } from '../../components/window-note.tsx';
import { useKpi } from '../../queries/use-kpi.ts';
import type { Lang } from '../../shaping/format.ts';
import { hasOwnWindow, orderTiles, tileView } from '../../shaping/tiles.ts';
import { trendMetricOf } from '../../filters/time-range.ts';

/** KPI tiles of the window, each against the previous period; a click charts it below (`selected`: the charted metric). */
export function KpiTiles({ selected, onSelect, onSettled }: { selected: string; onSelect: (key: string) => void; onSettled?: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const o = useKpi<OverviewAnswer>('/v1/kpi/overview');
  const settled = o.data !== undefined || o.error !== undefined;
  useEffect(() => {
    if (settled) onSettled?.();
  }, [settled, onSettled]);
  return (
    <Panel
      title={t('overview.kpis')}
      testId="kpi-panel"
      {...loadState(o)}
      note={o.data && <WindowNote window={o.data.window} previous={o.data.previous_window} asOf={o.data.data_as_of} />}
      className="kpi-panel"
    >
      {o.data && (
        <div className="tiles">
          {orderTiles(o.data.tiles).map((tile) => (
            <KpiTile
              key={tile.key}
              view={tileView(tile, lang)}
              ownWindow={hasOwnWindow(tile, o.data!.window)}
              selected={trendMetricOf(tile.key) === selected}
              onSelect={() => onSelect(tile.key)}
            />
          ))}
        </div>
      )}
    </Panel>
  );
}
