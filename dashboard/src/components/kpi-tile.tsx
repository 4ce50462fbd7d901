import { useTranslation } from 'react-i18next';
import { formatSpan, formatSpanCompact, type Lang } from '../shaping/format.ts';
import type { TileView } from '../shaping/tiles.ts';

const ARROW = { up: '▲', down: '▼', flat: '＝', none: '' } as const;

/**
 * One KPI: the value, its change against the previous period (coloured by whether that is good),
 * the previous value, the counts behind a rate, and — when it differs from the page's — the
 * window it covers.
 */
export function KpiTile({ view, ownWindow, selected, onSelect }: { view: TileView; ownWindow: boolean; selected?: boolean; onSelect?: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const tile = view.tile;
  const title = t(`tileHelp.${view.key}`, { defaultValue: '' });
  return (
    <button
      type="button"
      className={`tile tone-${view.tone}${selected ? ' selected' : ''}`}
      onClick={onSelect}
      aria-pressed={selected}
      title={title || undefined}
      data-testid="kpi-tile"
      data-key={view.key}
    >
      <span className="tile-label">{t(`tile.${view.key}`, { defaultValue: view.key })}</span>
      <span className="tile-value" data-testid="kpi-value">
        {view.value}
      </span>
      <span className="tile-delta">
        {view.delta.direction !== 'none' ? (
          <>
            <span className="delta">
              {ARROW[view.delta.direction]} {view.delta.text}
            </span>{' '}
            <span className="muted">{t('tile.vsPrevious', { value: view.previous })}</span>
          </>
        ) : (
          <span className="muted">{t('tile.noPrevious', { value: view.previous })}</span>
        )}
      </span>
      <span className="tile-foot muted">
        {view.fraction}
        {ownWindow && (
          <span className="tile-window" title={`${formatSpan(tile.window, lang)}${tile.previous_window ? ` ${t('tile.vsShort')} ${formatSpan(tile.previous_window, lang)}` : ''}`}>
            {view.fraction ? ' · ' : ''}
            {formatSpanCompact(tile.window, lang)}
            {tile.previous_window ? ` ${t('tile.vsShort')} ${formatSpanCompact(tile.previous_window, lang)}` : ''}
          </span>
        )}
      </span>
    </button>
  );
}
