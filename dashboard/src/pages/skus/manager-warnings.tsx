import { useTranslation } from 'react-i18next';
import type { ReturnRatesAnswer } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { SkuName } from '../../components/sku-name.tsx';
import { loadState, Panel } from '../../components/states.tsx';
import { WindowNote } from '../../components/window-note.tsx';
import { useRange } from '../../filters/range-context.tsx';
import { useApi } from '../../queries/use-api.ts';
import { linkTo } from '../../router/hash-route.ts';
import { useRoute } from '../../router/use-route.ts';
import { formatCount, formatPercent, type Lang } from '../../shaping/format.ts';
import { SKU_MIN_ORDERS, skuViews } from '../../shaping/skus.ts';

/**
 * What a category manager lands on (issue #17): the SKUs of their categories that are high
 * against their category baseline, worst excess first, each opening its SKU page. Over the rolling
 * 7 days of order dates the high-return rule judges (the API's default window), not the global
 * range, so the list agrees with the alerts. The API scopes the rows to the token's categories;
 * "high" is the tables' own flag (shaping/skus.ts).
 */
export function ManagerWarnings() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const me = useMe();
  const { query } = useRoute();
  const { tick } = useRange();
  const r = useApi<ReturnRatesAnswer>('/v1/kpi/return-rates', { by: 'sku', limit: 200, sort: 'excess', order: 'desc', min_orders: SKU_MIN_ORDERS }, { refreshKey: tick });
  const high = r.data ? skuViews(r.data.rows).filter((x) => x.flagged) : [];
  return (
    <Panel
      title={t('landing.manager')}
      testId="manager-warnings"
      {...loadState(r)}
      empty={r.data !== undefined && high.length === 0}
      emptyText={t('landing.none')}
      note={r.data && <WindowNote window={r.data.window} own={t('landing.ruleWindow')} />}
    >
      <p className="muted small">{t('landing.managerHelp', { cats: me.categories.join('、') })}</p>
      <ol className="warning-list">
        {high.slice(0, 12).map((x) => (
          <li key={x.key} data-testid="manager-warning" data-sku={x.key}>
            <a href={linkTo(query, ['skus', x.key])}>
              <SkuName id={x.key} title={x.title} />
            </a>
            <span className="muted small"> · {x.category}</span>
            <span className="warning-figures">
              <strong className="bad">{formatPercent(x.return_rate)}</strong> <span className="muted small">{t('skus.baseline')} {formatPercent(x.baseline)}</span>{' '}
              {x.vsBaseline !== null && <span className="badge bad">{x.vsBaseline.toFixed(1)}×</span>}{' '}
              <span className="muted small">
                {formatCount(x.refunded_orders, lang)} / {formatCount(x.orders, lang)}
              </span>
            </span>
          </li>
        ))}
      </ol>
    </Panel>
  );
}
