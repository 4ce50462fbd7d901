import { useTranslation } from 'react-i18next';
import type { AlertJson } from '../api/live-types.ts';
import { linkTo } from '../router/hash-route.ts';
import { useRoute } from '../router/use-route.ts';

/** Alerts about one thing (a SKU, a session): title linking to the alerts centre, state, summary. */
export function AlertList({ alerts }: { alerts: AlertJson[] }) {
  const { t } = useTranslation();
  const { query } = useRoute();
  return (
    <ul className="alert-list">
      {alerts.map((a) => (
        <li key={a.fingerprint} className={`alert-row sev-${a.severity}`}>
          <a href={linkTo(query, ['alerts', a.fingerprint])}>{a.title}</a> <span className={`badge state ${a.state}`}>{t(`alertState.${a.state}`, { defaultValue: a.state })}</span>
          <p className="alert-summary">{a.evidence.summary}</p>
        </li>
      ))}
    </ul>
  );
}
