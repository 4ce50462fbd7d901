import { useTranslation } from 'react-i18next';
import { formatSpan, type Lang } from '../shaping/format.ts';

/**
 * "随全局时间范围 · 窗口 11-21 10:40 – 11-22 10:40 · 对比 11-20 10:40 – 11-21 10:40". Every panel
 * says which time it covers (issue #17): the global range unless it has a window of its own
 * (`own` names it, e.g. a session's orders).
 */
export function WindowNote({ window, previous, asOf, own }: { window: { from: string; to: string }; previous?: { from: string; to: string } | null; asOf?: string | null; own?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <span className="window-text" data-testid="window-note" data-scope={own ? 'own' : 'global'}>
      <span className="window-scope">{own ?? t('scope.global')}</span> ·{' '}
      {t('window.covers', { span: formatSpan(window, lang) })}
      {previous && <> · {t('window.vs', { span: formatSpan(previous, lang) })}</>}
      {asOf !== undefined && <> · {asOf ? t('window.asOf', { span: formatSpan({ from: asOf, to: asOf }, lang) }) : t('window.noData')}</>}
    </span>
  );
}
