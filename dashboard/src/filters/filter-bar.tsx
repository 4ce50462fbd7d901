import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnRatesAnswer } from '../api/types.ts';
import { fixedFilters } from '../auth/access.ts';
import { useMe } from '../auth/session.tsx';
import { useApi } from '../queries/use-api.ts';
import { updateQuery } from '../router/use-route.ts';
import { formatMoment, type Lang } from '../shaping/format.ts';
import { activeFilters, type FilterKey } from './kpi-query.ts';
import { useRange } from './range-context.tsx';
import { PRESETS } from './time-range.ts';

/** datetime-local value ↔ ISO. */
const toLocalInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const fromLocalInput = (s: string) => (s ? new Date(s).toISOString() : undefined);

/**
 * The global time range and filters, written to the URL (so a view is a link). Scoped roles
 * see only what they may change: a host is always themself; a category manager picks among
 * their own categories.
 */
export function FilterBar() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const me = useMe();
  const { range, query, refresh, tick } = useRange();
  const fixed = fixedFilters(me);
  const [custom, setCustom] = useState(false);
  const [from, setFrom] = useState(toLocalInput(range.from));
  const [to, setTo] = useState(toLocalInput(range.to));
  const [adding, setAdding] = useState<FilterKey | ''>('');
  const [value, setValue] = useState('');

  // Category choices: a category manager's own, or (asked for when needed) the categories with orders.
  const categories = useApi<ReturnRatesAnswer>(fixed.category || adding !== 'category' ? null : '/v1/kpi/return-rates', { by: 'category', limit: 100, sort: 'key', order: 'asc' });
  const categoryOptions = fixed.category ?? categories.data?.rows.map((r) => r.key) ?? [];

  const applyCustom = (e: FormEvent) => {
    e.preventDefault();
    updateQuery({ range: undefined, from: fromLocalInput(from), to: fromLocalInput(to) });
  };
  const addFilter = (e: FormEvent) => {
    e.preventDefault();
    if (adding && value.trim()) updateQuery({ [adding]: value.trim() });
    setAdding('');
    setValue('');
  };
  const addable: FilterKey[] = (['category', 'shop_id', 'host_id', 'live_session_id'] as const).filter((k) => !(k === 'host_id' && fixed.host_id));

  return (
    <div className="filter-bar" data-testid="filter-bar">
      <div className="presets" role="group" aria-label={t('filters.range')}>
        {PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className={range.preset === p && !custom ? 'chip active' : 'chip'}
            aria-pressed={range.preset === p}
            onClick={() => {
              setCustom(false);
              updateQuery({ range: p, from: undefined, to: undefined });
            }}
          >
            {t(`filters.preset.${p}`)}
          </button>
        ))}
        <button type="button" className={range.preset === null || custom ? 'chip active' : 'chip'} onClick={() => setCustom((c) => !c)}>
          {t('filters.custom')}
        </button>
      </div>
      {custom && (
        <form className="custom-range" onSubmit={applyCustom}>
          <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} aria-label={t('filters.from')} />
          <span>–</span>
          <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} aria-label={t('filters.to')} />
          <button type="submit" className="small">
            {t('filters.apply')}
          </button>
        </form>
      )}
      <div className="active-filters">
        {activeFilters(query).map((f) => (
          <span key={f.key} className="chip filter-chip">
            {t(`filters.key.${f.key}`)}: <span className="data">{f.value}</span>
            {!(f.key === 'host_id' && fixed.host_id) && (
              <button type="button" className="chip-x" aria-label={t('filters.remove')} onClick={() => updateQuery({ [f.key]: undefined })}>
                ×
              </button>
            )}
          </span>
        ))}
        <form className="add-filter" onSubmit={addFilter}>
          <select value={adding} onChange={(e) => setAdding(e.target.value as FilterKey | '')} aria-label={t('filters.add')}>
            <option value="">{t('filters.add')}</option>
            {addable.map((k) => (
              <option key={k} value={k}>
                {t(`filters.key.${k}`)}
              </option>
            ))}
          </select>
          {adding === 'category' ? (
            <select value={value} onChange={(e) => setValue(e.target.value)} aria-label={t('filters.key.category')}>
              <option value="" />
              {categoryOptions.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          ) : adding ? (
            <input value={value} onChange={(e) => setValue(e.target.value)} placeholder={t(`filters.placeholder.${adding}`)} aria-label={t(`filters.key.${adding}`)} />
          ) : null}
          {adding && (
            <button type="submit" className="small">
              {t('filters.apply')}
            </button>
          )}
        </form>
      </div>
      <div className="refresh">
        <span className="muted small" title={t('filters.autoRefresh')}>
          {t('filters.updated', { time: formatMoment(new Date(tick), lang).slice(-5) })}
        </span>
        <button type="button" className="ghost small" onClick={refresh} aria-label={t('filters.refresh')}>
          ↻
        </button>
      </div>
    </div>
  );
}
