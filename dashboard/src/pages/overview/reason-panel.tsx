import { useTranslation } from 'react-i18next';
import type { ReasonsAnswer } from '../../api/types.ts';
import { ReasonChart } from '../../charts/reason-chart.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import { WindowNote } from '../../components/window-note.tsx';
import { useKpi, useKpiOver } from '../../queries/use-kpi.ts';
import { formatPercent } from '../../shaping/format.ts';
import { GROUP_COLORS, groupShares, reasonBars } from '../../shaping/reasons.ts';

/**
 * Why buyers ask for refunds: count per reason code, and the 无理由 / 品质 shares. Under the
 * global range, or over a window of the page's own (`own`: a session's orders; null waits).
 */
export function ReasonPanel({ extra = {}, title, own }: { extra?: Record<string, string>; title?: string; own?: { window: { from: Date; to: Date } | null } }) {
  const { t } = useTranslation();
  const global = useKpi<ReasonsAnswer>(own ? null : '/v1/kpi/reasons', { limit: 50, ...extra });
  const mine = useKpiOver<ReasonsAnswer>(own ? own.window : null, '/v1/kpi/reasons', { limit: 50, ...extra });
  const r = own ? mine : global;
  const shares = r.data ? groupShares(r.data.rows) : null;
  return (
    <Panel
      title={title ?? t('overview.reasons')}
      testId="reason-panel"
      {...loadState(r)}
      empty={r.data !== undefined && r.data.rows.length === 0}
      note={r.data ? <WindowNote window={r.data.window} {...(own ? { own: t('scope.session') } : {})} /> : own && t('scope.session')}
    >
      {r.data && shares && (
        <>
          <p className="legend-line">
            {(['no_reason', 'quality', 'other'] as const).map((g) => (
              <span key={g} className="legend-item">
                <span className="swatch" style={{ background: GROUP_COLORS[g] }} />
                {t(`reasonGroup.${g}`)} {formatPercent(shares[g])}
              </span>
            ))}
          </p>
          <ReasonChart bars={reasonBars(r.data.rows)} />
        </>
      )}
    </Panel>
  );
}
