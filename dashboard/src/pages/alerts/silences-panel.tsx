import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SilenceJson } from '../../api/live-types.ts';
import { loadState, Panel } from '../../components/states.tsx';
import { useApi } from '../../queries/use-api.ts';
import { expireSilence } from '../../live/alert-actions.ts';
import { formatMoment, type Lang } from '../../shaping/format.ts';

/** Silences in force (ops, admin), each with its matchers, end time and an "expire now". */
export function SilencesPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [nonce, setNonce] = useState(0);
  const r = useApi<{ silences: (SilenceJson & { active: boolean })[] }>('/v1/alerts/silences', {}, { refreshKey: nonce });
  const [error, setError] = useState<string | null>(null);
  const expire = async (id: string) => {
    try {
      await expireSilence(id);
      setNonce((n) => n + 1);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Panel title={t('alerts.tab.silences')} {...loadState(r)} empty={r.data?.silences.length === 0} emptyText={t('silence.none')}>
      {error && <p className="error-text">{error}</p>}
      <ul className="silence-list">
        {r.data?.silences.map((s) => (
          <li key={s.id} className="card inset">
            <code>{s.matchers.map((m) => `${m.name}${m.op}${m.value}`).join(', ')}</code>
            <p className="muted small">
              {t('silence.until', { at: formatMoment(s.ends_at, lang), by: s.created_by })}
              {s.comment ? ` · ${s.comment}` : ''}
            </p>
            <button type="button" className="small ghost" onClick={() => void expire(s.id)}>
              {t('silence.expire')}
            </button>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
