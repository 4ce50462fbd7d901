import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TraceAnswer } from '../../api/types.ts';
import { loadState, Panel } from '../../components/states.tsx';
import { useApi } from '../../queries/use-api.ts';
import { linkTo } from '../../router/hash-route.ts';
import { navigate, useRoute } from '../../router/use-route.ts';
import { SkuName } from '../../components/sku-name.tsx';
import { regionLabel } from '../../shaping/china-provinces.ts';
import { formatCount, formatMoment, formatMoney, formatOffset, type Lang } from '../../shaping/format.ts';
import type { PageProps } from '../page-props.ts';
import { RefundTimeline, ShipmentList } from './trace-sections.tsx';
import { TranscriptView } from './transcript-view.tsx';

/** The order's 出生证明 (DESIGN §6): session, host, what was said around the order, promises, refunds, shipments. */
export function TracePage({ params }: PageProps) {
  const { t } = useTranslation();
  const { query } = useRoute();
  const orderId = params[0];
  const [value, setValue] = useState(orderId ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) navigate({ path: ['trace', value.trim()], query });
  };
  return (
    <div className="stack" data-testid="trace-page">
      <form className="row gap trace-form" onSubmit={submit}>
        <label htmlFor="order-id">{t('trace.orderId')}</label>
        <input id="order-id" value={value} onChange={(e) => setValue(e.target.value)} placeholder="ORD…" data-testid="trace-input" />
        <button type="submit" className="primary" data-testid="trace-submit">
          {t('trace.open')}
        </button>
      </form>
      {orderId ? <Trace orderId={orderId} /> : <p className="muted">{t('trace.help')}</p>}
    </div>
  );
}

function Trace({ orderId }: { orderId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { query } = useRoute();
  const r = useApi<TraceAnswer>(`/v1/orders/${encodeURIComponent(orderId)}/trace`, { before_ms: 300_000, after_ms: 60_000 });
  if (!r.data) return <Panel title={t('trace.title', { id: orderId })} {...loadState(r)} />;
  const { order, session, transcript, promises, refunds, shipments } = r.data;
  return (
    <>
      <Panel title={t('trace.title', { id: order.order_id })} testId="trace-order" note={t('scope.order')}>
        <dl className="facts">
          <dt>{t('trace.placed')}</dt>
          <dd>{order.occurred_at ? formatMoment(order.occurred_at, lang) : '—'}</dd>
          <dt>SKU</dt>
          <dd>
            <a href={linkTo(query, ['skus', order.sku_id], { cat: order.category })} data-testid="trace-sku">
              <SkuName id={order.sku_id} title={order.product_title} />
            </a>{' '}
            · <span className="data">{order.category}</span>
          </dd>
          <dt>{t('trace.amount')}</dt>
          <dd>
            {formatMoney(order.amount)} × {formatCount(order.quantity, lang)}
          </dd>
          <dt>{t('trace.policy')}</dt>
          <dd data-testid="trace-policy">{t(`policy.${order.refund_policy}`, { defaultValue: order.refund_policy })}</dd>
          <dt>{t('trace.region')}</dt>
          <dd>{regionLabel(order.region_code, order.region_name, lang)}</dd>
          <dt>{t('trace.session')}</dt>
          <dd>
            <a href={linkTo(query, ['sessions', session.live_session_id], { host: session.host_id })}>{session.live_session_id}</a> · {t('console.offset', { offset: formatOffset(session.order_offset_ms) })}
          </dd>
          <dt>{t('hosts.host')}</dt>
          <dd>
            <a href={linkTo(query, ['hosts', session.host_id])}>{session.host_id}</a> · {t('trace.shop')} {order.shop_id}
          </dd>
        </dl>
      </Panel>
      <div className="grid-2">
        <Panel title={t('trace.transcript')} testId="trace-transcript" empty={transcript.segments.length === 0} note={`${formatOffset(transcript.from_ms)} – ${formatOffset(transcript.to_ms)}`}>
          <TranscriptView segments={transcript.segments} promises={promises} orderOffset={session.order_offset_ms} />
        </Panel>
        <div className="stack">
          <Panel title={t('trace.promises')} testId="trace-promises" empty={promises.length === 0} emptyText={t('trace.noPromises')}>
            <ul className="promise-list">
              {promises.map((p) => (
                <li key={p.event_id}>
                  <span className="muted small">{formatOffset(p.offset_ms)}</span> <span className="data">「{p.text}」</span> {p.matched_terms.map((m) => <mark key={m}>{m}</mark>)}
                </li>
              ))}
            </ul>
          </Panel>
          <Panel title={t('trace.refunds')} testId="trace-refunds" empty={refunds.length === 0} emptyText={t('trace.noRefunds')}>
            <RefundTimeline refunds={refunds} />
          </Panel>
          <Panel title={t('trace.shipments')} testId="trace-shipments" empty={shipments.length === 0} emptyText={t('trace.noShipments')}>
            <ShipmentList shipments={shipments} />
          </Panel>
        </div>
      </div>
    </>
  );
}
