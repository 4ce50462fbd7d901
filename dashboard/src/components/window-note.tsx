import { useTranslation } from 'react-i18next';
import { formatSpan, type Lang } from '../shaping/format.ts';

/** "窗口 11-21 10:40 – 11-22 10:40 · 对比 11-20 10:40 – 11-21 10:40" */
export function WindowNote({ window, previous, asOf }: { window: { from: string; to: string }; previous?: { from: string; to: string } | null; asOf?: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <span className="window-text" data-testid="window-note">
      {t('window.covers', { span: formatSpan(window, lang) })}
      {previous && <> · {t('window.vs', { span: formatSpan(previous, lang) })}</>}
      {asOf !== undefined && <> · {asOf ? t('window.asOf', { span: formatSpan({ from: asOf, to: asOf }, lang) }) : t('window.noData')}</>}
    </span>
  );
}
