import { useTranslation } from 'react-i18next';
import { formatCount, type Lang } from '../shaping/format.ts';
import { pageWindow } from '../shaping/table-sort.ts';

/** "41–45 of 45" with previous / next; the page lives in the caller's URL key. */
export function Pager({ total, pageSize, page, onPage, testId }: { total: number; pageSize: number; page: number; onPage: (page: number) => void; testId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const w = pageWindow(total, pageSize, page);
  return (
    <div className="row gap small pager" data-testid={testId}>
      <span className="muted">{t('table.rows', { first: formatCount(w.first, lang), last: formatCount(w.last, lang), total: formatCount(total, lang) })}</span>
      <button type="button" className="ghost small" disabled={w.page <= 1} onClick={() => onPage(w.page - 1)}>
        {t('table.prev')}
      </button>
      <span>{t('table.page', { page: w.page, pages: w.pages })}</span>
      <button type="button" className="ghost small" disabled={w.page >= w.pages} onClick={() => onPage(w.page + 1)} data-testid="pager-next">
        {t('table.next')}
      </button>
    </div>
  );
}
