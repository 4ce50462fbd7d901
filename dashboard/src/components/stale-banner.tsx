import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../queries/use-api.ts';
import { formatMoment, type Lang } from '../shaping/format.ts';

/** The part of GET /healthz this banner reads (api/routes/health.route.ts, kpi/health.ts). */
interface HealthAnswer {
  kpi?: { status: 'ok' | 'degraded' | 'unknown'; reasons: string[]; watermark?: string | null };
}

const CHECK_EVERY_MS = 60_000;

/**
 * A banner over every page while the KPI job is degraded (failing run after run, or its
 * watermark far behind): the numbers on screen are then older than they look, and say until
 * when they hold. Hidden while the job is healthy or /healthz cannot be read.
 */
export function StaleBanner() {
  const { t, i18n } = useTranslation();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((n) => n + 1), CHECK_EVERY_MS);
    return () => clearInterval(id);
  }, []);
  const kpi = useApi<HealthAnswer>('/healthz', {}, { refreshKey: tick }).data?.kpi;
  if (kpi?.status !== 'degraded') return null;
  const asOf = kpi.watermark ? formatMoment(kpi.watermark, i18n.language as Lang) : null;
  return (
    <div className="card stale-banner" role="status" data-testid="stale-banner" title={kpi.reasons.join('\n')}>
      <strong>{asOf ? t('stale.asOf', { asOf }) : t('stale.never')}</strong> {t('stale.why', { reasons: kpi.reasons.join(' · ') })}
    </div>
  );
}
