import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../api/live-types.ts';
import { renderAlert } from '../../shaping/alert-text.ts';
import { QuotedText } from '../../components/quoted-text.tsx';
import { formatSpan, type Lang } from '../../shaping/format.ts';

/**
 * What an alert carries: the numbers, the window they cover, the test, the action, where to look —
 * all rendered in the UI language from the structured evidence (shaping/alert-text.ts), not the
 * zh-CN sentence the engine stores for webhooks.
 */
export function EvidenceView({ alert }: { alert: { rule: string; title: string; subject: Record<string, string>; labels: Record<string, string>; evidence: Evidence } }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { evidence } = alert;
  const text = renderAlert(alert, t, lang);
  const details = evidence.details ?? {};
  const recent = Array.isArray(details.recent) ? (details.recent as { phrase?: string; text?: string; occurred_at?: string }[]) : [];
  return (
    <div className="evidence" data-testid="evidence">
      <p className="evidence-summary" data-testid="evidence-summary">
        <QuotedText text={text.summary} lang={lang} />
      </p>
      <p className="muted small">{t('window.covers', { span: formatSpan(evidence.window, lang) })}</p>
      <table className="kv">
        <tbody>
          {text.numbers.map((r) => (
            <tr key={r.key} data-testid="evidence-number" data-key={r.key}>
              <th>{r.label}</th>
              <td>{r.value}</td>
            </tr>
          ))}
          {text.test && (
            <tr>
              <th>{t('evidence.test')}</th>
              <td>{text.test}</td>
            </tr>
          )}
          {text.labels.map((r) => (
            <tr key={`l-${r.key}`} data-testid="evidence-label" data-key={r.key}>
              <th className="muted">{r.label}</th>
              <td>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="action-line" data-testid="evidence-action">
        <strong>{t('evidence.action')}</strong> {text.action}
      </p>
      {recent.length > 0 && (
        <>
          <p className="muted small">{t('alertText.latest')}</p>
          <ul className="snippets">
            {recent.map((r, i) => (
              <li key={i}>
                {/* What the host said: data, quoted in its own language. */}
                <q className="data" lang="zh-CN">
                  {r.text ?? r.phrase}
                </q>
                {r.phrase && r.text ? <mark>{r.phrase}</mark> : null}
              </li>
            ))}
          </ul>
        </>
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
