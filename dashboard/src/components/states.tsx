import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http.ts';
import type { Loadable } from '../queries/use-api.ts';

/** Loading, empty and error states, the same everywhere. */

export function Loading({ label, lines = 3 }: { label?: string; lines?: number }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite" data-testid="loading">
      <span className="sr-only">{label ?? t('state.loading')}</span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton" style={{ width: `${90 - i * 15}%` }} />
      ))}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return <p className="empty">{children ?? t('state.empty')}</p>;
}

export function ErrorNote({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  let text = error.message;
  if (error instanceof ApiError) {
    if (error.status === 403) text = t('state.forbidden');
    else if (error.status === 404) text = t('state.notFound', { message: error.message });
    else if (error.status === 400 && error.field) text = t('state.badField', { field: error.field, message: error.message });
    else if (error.status >= 500) text = t('state.serverDown', { message: error.message });
  }
  return (
    <div className="error-box" role="alert">
      <span>{text}</span>
      {onRetry && (
        <button type="button" className="ghost small" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

export interface PanelProps {
  title: ReactNode;
  /** The window the panel's figures cover (STYLE: every number with its window). */
  note?: ReactNode;
  actions?: ReactNode;
  loading?: boolean;
  error?: Error | undefined;
  empty?: boolean;
  emptyText?: ReactNode;
  onRetry?: () => void;
  className?: string;
  testId?: string;
  children?: ReactNode;
}

/** The loading, error and retry props of a panel that shows one request: `<Panel {...loadState(r)} …>`. */
export function loadState(r: Pick<Loadable<unknown>, 'loading' | 'error' | 'reload'>): Pick<PanelProps, 'loading' | 'error' | 'onRetry'> {
  return { loading: r.loading, error: r.error, onRetry: r.reload };
}

/** A titled card that shows its loading, error or empty state instead of its content. */
export function Panel(p: PanelProps) {
  let body: ReactNode = p.children;
  if (p.error) body = <ErrorNote error={p.error} {...(p.onRetry ? { onRetry: p.onRetry } : {})} />;
  else if (p.loading) body = <Loading />;
  else if (p.empty) body = <Empty>{p.emptyText}</Empty>;
  return (
    <section className={`card panel ${p.className ?? ''}`} data-testid={p.testId}>
      <header className="panel-head">
        <h2>{p.title}</h2>
        {p.actions && <div className="panel-actions">{p.actions}</div>}
      </header>
      {p.note && <div className="window-note">{p.note}</div>}
      <div className="panel-body">{body}</div>
    </section>
  );
}
