import { useTranslation } from 'react-i18next';
import type { AlertJson } from '../api/live-types.ts';
import { linkTo } from '../router/hash-route.ts';
import { useRoute } from '../router/use-route.ts';
import { alertSummary, alertTitle, stateName } from '../shaping/alert-text.ts';
import type { Lang } from '../shaping/format.ts';
import { QuotedText } from './quoted-text.tsx';

/** Alerts about one thing (a SKU, a session): title linking to the alerts centre, state, summary. */
export function AlertList({ alerts }: { alerts: AlertJson[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { query } = useRoute();
  return (
    <ul className="alert-list">
      {alerts.map((a) => (
        <li key={a.fingerprint} className={`alert-row sev-${a.severity}`}>
          <a href={linkTo(query, ['alerts', a.fingerprint])}>{alertTitle(a, t)}</a> <span className={`badge state ${a.state}`}>{stateName(a.state, t)}</span>
          <p className="alert-summary" data-testid="alert-summary">
            <QuotedText text={alertSummary(a, t, lang)} lang={lang} />
          </p>
        </li>
      ))}
    </ul>
  );
}
