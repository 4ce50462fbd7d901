import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../api/live-types.ts';
import { formatSpan, type Lang } from '../../shaping/format.ts';

const fmt = (v: number | string | null) => (v === null ? '—' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : v);

/** What an alert carries: the numbers, the window they cover, the test, the action, where to look. */
export function EvidenceView({ evidence, labels }: { evidence: Evidence; labels: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const details = evidence.details ?? {};
  const recent = Array.isArray(details.recent) ? (details.recent as { phrase?: string; text?: string; occurred_at?: string }[]) : [];
  return (
    <div className="evidence" data-testid="evidence">
      <p className="evidence-summary">{evidence.summary}</p>
      <p className="muted small">{t('window.covers', { span: formatSpan(evidence.window, lang) })}</p>
      <table className="kv">
        <tbody>
          {Object.entries(evidence.numbers).map(([k, v]) => (
            <tr key={k}>
              <th>{t(`evidence.${k}`, { defaultValue: k })}</th>
              <td>{fmt(v)}</td>
            </tr>
          ))}
          {evidence.test && (
            <tr>
              <th>{t('evidence.test')}</th>
              <td>
                {evidence.test.name}: p = {evidence.test.p_value.toPrecision(3)} (α = {evidence.test.alpha}, {t('evidence.nullRate')} {evidence.test.null_rate.toPrecision(3)})
              </td>
            </tr>
          )}
          {Object.entries(labels).map(([k, v]) => (
            <tr key={`l-${k}`}>
              <th className="muted">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="action-line">
        <strong>{t('evidence.action')}</strong> {evidence.action}
      </p>
      {recent.length > 0 && (
        <ul className="snippets">
          {recent.map((r, i) => (
            <li key={i}>
              「{r.text ?? r.phrase}」{r.phrase && r.text ? <mark>{r.phrase}</mark> : null}
            </li>
          ))}
        </ul>
      )}
      {typeof details.comment === 'string' && (
        <p className="muted small">
          {t('alerts.comment')}: {details.comment}
        </p>
      )}
      <p>
        <a href={evidence.drilldown.dashboard} data-testid="evidence-drilldown">
          {t('alerts.drilldown')} →
        </a>
      </p>
    </div>
  );
}
