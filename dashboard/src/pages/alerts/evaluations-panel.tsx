import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import { useApi } from '../../queries/use-api.ts';
import { useRange } from '../../filters/range-context.tsx';
import { updateQuery, useRoute } from '../../router/use-route.ts';
import { formatMoment, formatSpan, type Lang } from '../../shaping/format.ts';
import { RULES } from './rules.ts';
import { subjectText } from '../../shaping/alert-text.ts';

interface Evaluation {
  rule: string;
  window: { from: string; to: string };
  started_at: string;
  duration_ms: number;
  attempt: number;
  outcome: 'ok' | 'error';
  groups_evaluated: number;
  conditions_met: number;
  transitions: number;
  open_alerts: number;
  error: string | null;
  near_misses: { subject: Record<string, string>; score: number; why: string }[];
}

/** Every run of every rule: what it looked at, what met the condition, and the near misses — why an alert did or did not fire. */
export function EvaluationsPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { query } = useRoute();
  const { tick } = useRange();
  const r = useApi<{ evaluations: Evaluation[] }>('/v1/alerts/evaluations', { rule: query.rule, outcome: query.outcome, limit: 200 }, { refreshKey: tick });
  const columns: Column<Evaluation>[] = [
    { key: 'at', label: t('eval.at'), render: (e) => formatMoment(e.started_at, lang) },
    { key: 'rule', label: t('alerts.rule'), render: (e) => t(`rule.${e.rule}`, { defaultValue: e.rule }) },
    { key: 'window', label: t('eval.window'), render: (e) => formatSpan(e.window, lang) },
    { key: 'outcome', label: t('eval.outcome'), render: (e) => <span className={e.outcome === 'error' ? 'badge bad' : 'badge ok'}>{e.outcome === 'error' ? `${t('eval.error')}: ${e.error ?? ''}` : t('eval.ok')}</span> },
    { key: 'groups', label: t('eval.groups'), numeric: true, render: (e) => e.groups_evaluated },
    { key: 'met', label: t('eval.met'), numeric: true, render: (e) => e.conditions_met },
    { key: 'transitions', label: t('eval.transitions'), numeric: true, render: (e) => e.transitions },
    { key: 'ms', label: t('eval.duration'), numeric: true, render: (e) => `${e.duration_ms} ms` },
    {
      key: 'near',
      label: t('eval.nearMisses'),
      render: (e) =>
        e.near_misses.length === 0 ? (
          '—'
        ) : (
          <details>
            <summary>{e.near_misses.length}</summary>
            <ul className="small">
              {e.near_misses.map((n, i) => (
                <li key={i}>
                  {subjectText(n.subject, t)} — {(n.score * 100).toFixed(0)}% · {n.why}
                </li>
              ))}
            </ul>
          </details>
        ),
    },
  ];
  return (
    <Panel
      title={t('alerts.tab.evaluations')}
      testId="evaluations"
      {...loadState(r)}
      empty={r.data?.evaluations.length === 0}
      actions={
        <div className="row gap">
          <select value={query.rule ?? ''} onChange={(e) => updateQuery({ rule: e.target.value })} aria-label={t('alerts.rule')}>
            <option value="">{t('alerts.allRules')}</option>
            {RULES.map((x) => (
              <option key={x} value={x}>
                {t(`rule.${x}`)}
              </option>
            ))}
          </select>
          <select value={query.outcome ?? ''} onChange={(e) => updateQuery({ outcome: e.target.value })} aria-label={t('eval.outcome')}>
            <option value="">{t('eval.allOutcomes')}</option>
            <option value="ok">{t('eval.ok')}</option>
            <option value="error">{t('eval.error')}</option>
          </select>
        </div>
      }
    >
      {r.data && <DataTable columns={columns} rows={r.data.evaluations} rowKey={(e) => `${e.rule}-${e.started_at}-${e.attempt}`} rowClass={(e) => (e.outcome === 'error' ? 'flagged' : '')} />}
    </Panel>
  );
}
