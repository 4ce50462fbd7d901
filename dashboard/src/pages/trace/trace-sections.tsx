import { useTranslation } from 'react-i18next';
import type { TraceAnswer } from '../../api/types.ts';
import { regionLabel } from '../../shaping/china-provinces.ts';
import { formatMoment, formatMoney, type Lang } from '../../shaping/format.ts';

/** Each refund of the order as its steps in time: who did what, why, and the rating at the end. */
export function RefundTimeline({ refunds }: { refunds: TraceAnswer['refunds'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <>
      {refunds.map((r) => (
        <div key={r.refund_id} className="refund">
          <p>
            <strong>{r.refund_id}</strong> <span className="badge">{t(`refundStatus.${r.state}`, { defaultValue: r.state })}</span>
          </p>
          <ol className="steps">
            {r.steps.map((s) => (
              <li key={s.event_id}>
                <time>{s.occurred_at ? formatMoment(s.occurred_at, lang) : '—'}</time> {t(`refundStatus.${s.status}`, { defaultValue: s.status })}
                <span className="muted small">
                  {' · '}
                  {t(`actor.${s.actor}`, { defaultValue: s.actor })}
                  {s.status === 'requested' && ` · ${t(`reason.${s.reason_code}`, { defaultValue: s.reason_code })} · ${formatMoney(s.amount)} · ${t(`refundType.${s.type}`, { defaultValue: s.type })}`}
                  {s.rule_id && ` · ${t('trace.rule', { rule: t(`refundRule.${s.rule_id}`, { defaultValue: t('refundRule.unknown') }) })}`}
                  {s.reject_reason && (
                    <>
                      {' · '}
                      <span className="data">{s.reject_reason}</span>
                    </>
                  )}
                  {s.csat !== null && ` · CSAT ${s.csat}`}
                </span>
              </li>
            ))}
          </ol>
        </div>
      ))}
    </>
  );
}

/** Shipments of the order (out and back) with every carrier scan and whether it was late. */
export function ShipmentList({ shipments }: { shipments: TraceAnswer['shipments'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <>
      {shipments.map((s) => (
        <div key={s.shipment_id} className="shipment">
          <p>
            <strong>{s.shipment_id}</strong> · {t(`logistics.${s.direction}`, { defaultValue: s.direction })} · <span className="data">{s.carrier}</span> · {regionLabel(s.dest_region_code, s.dest_region_name, lang)}{' '}
            <span className={s.late ? 'badge bad' : 'badge'}>{t(`shipStatus.${s.status}`, { defaultValue: s.status })}</span>
            {s.late && <span className="badge bad">{t('trace.late')}</span>}
          </p>
          <p className="muted small">
            {t('trace.promised', { at: s.promised_at ? formatMoment(s.promised_at, lang) : '—' })}
            {s.delivered_at && ` · ${t('trace.delivered', { at: formatMoment(s.delivered_at, lang) })}`}
          </p>
          <ol className="steps">
            {s.scans.map((c) => (
              <li key={c.event_id}>
                <time>{c.occurred_at ? formatMoment(c.occurred_at, lang) : '—'}</time> {t(`shipStatus.${c.status}`, { defaultValue: c.status })}
                {c.exception_code && (
                  <span className="badge warn" data-code={c.exception_code}>
                    {t(`scanException.${c.exception_code}`, { defaultValue: t('scanException.other') })}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </>
  );
}
