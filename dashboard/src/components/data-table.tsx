import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<R> {
  key: string;
  label: ReactNode;
  render: (r: R) => ReactNode;
  /** The sort key sent to the API; absent = not sortable. */
  sort?: string;
  numeric?: boolean;
  title?: string;
}

/** A table whose sortable headers report clicks; sorting itself is the caller's (usually the API's). */
export function DataTable<R>({
  columns,
  rows,
  rowKey,
  sort,
  order,
  onSort,
  rowClass,
  testId,
}: {
  columns: Column<R>[];
  rows: R[];
  rowKey: (r: R) => string;
  sort?: string;
  order?: 'asc' | 'desc';
  onSort?: (sort: string, order: 'asc' | 'desc') => void;
  rowClass?: (r: R) => string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = c.sort !== undefined && c.sort === sort;
              const next: 'asc' | 'desc' = active && order === 'desc' ? 'asc' : 'desc';
              return (
                <th key={c.key} className={c.numeric ? 'num' : ''} title={c.title} aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {c.sort && onSort ? (
                    <button type="button" className="th-sort" onClick={() => onSort(c.sort!, next)} title={t('table.sortBy')}>
                      {c.label}
                      <span className="sort-mark">{active ? (order === 'asc' ? '▲' : '▼') : '↕'}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} className={rowClass?.(r)}>
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'num' : ''}>
                  {c.render(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
