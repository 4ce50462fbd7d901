import { useTranslation } from 'react-i18next';
import type { StagesAnswer } from '../../api/types.ts';
import { StageChart } from '../../charts/stage-chart.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import { WindowNote } from '../../components/window-note.tsx';
import { useKpi } from '../../queries/use-kpi.ts';
import { formatCount, formatDuration, type Lang } from '../../shaping/format.ts';
import { hasStageData, stageBars } from '../../shaping/stages.ts';

/**
 * The refund flow stage by stage: a funnel (how many passed each stage, how long it took, how
 * many wait now) with the bottleneck — the slowest stage by p90 — marked, and the durations
 * charted.
 */
export function StagePanel({ highlight }: { highlight?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const s = useKpi<StagesAnswer>('/v1/kpi/stages');
  const bars = s.data ? stageBars(s.data) : [];
  return (
    <Panel
      title={t('overview.stages')}
      testId="stage-panel"
      {...loadState(s)}
      empty={s.data !== undefined && !hasStageData(s.data)}
      note={s.data && <WindowNote window={s.data.window} />}
      className={highlight ? 'highlight' : ''}
    >
      {s.data && (
        <>
          {s.data.bottleneck && (
            <p className="bottleneck" data-testid="bottleneck">
              {t('stage.bottleneckIs', { stage: t(`stage.${s.data.bottleneck}`) })}
            </p>
          )}
          <ol className="funnel">
            {bars.map((b) => (
              <li key={b.stage} className={b.bottleneck ? 'bottleneck-stage' : ''} data-stage={b.stage}>
                <span className="funnel-name">
                  {t(`stage.${b.stage}`)}
                  {b.bottleneck && <span className="badge bad">{t('stage.bottleneck')}</span>}
                </span>
                <span className="funnel-bar" style={{ width: `${Math.max(4, b.shareOfP90 * 100)}%` }} />
                <span className="funnel-figures">
                  p50 {formatDuration(b.p50_h === null ? null : b.p50_h * 3600, lang)} · p90 {formatDuration(b.p90_h === null ? null : b.p90_h * 3600, lang)} ·{' '}
                  {t('stage.completed', { n: formatCount(b.completed, lang) })} · {t('stage.waiting', { n: formatCount(b.waiting, lang) })}
                  {b.overSla > 0 && <span className="badge warn">{t('stage.overSla', { n: formatCount(b.overSla, lang), sla: formatDuration(s.data!.sla_s, lang) })}</span>}
                </span>
              </li>
            ))}
          </ol>
          <StageChart bars={bars} height={180} />
        </>
      )}
    </Panel>
  );
}
