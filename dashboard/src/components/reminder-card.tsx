import { useTranslation } from 'react-i18next';
import type { HostReminder } from '../api/live-types.ts';
import { formatMoment, formatOffset, type Lang } from '../shaping/format.ts';
import { markHits } from '../shaping/hit-marks.ts';
import { spanLength, topicName } from '../shaping/alert-text.ts';
import { latencyMs } from '../shaping/reminders.ts';
import { ruleName } from '../shaping/wording-names.ts';

/**
 * One reminder: for a risky phrase, the sentence with the phrase marked, the rule and the safer
 * wording; for a viewer-question spike, the topic and how far above the baseline it is.
 */
export function ReminderCard({ r, shownAt, big = false }: { r: HostReminder; shownAt?: number; big?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const latency = shownAt !== undefined ? latencyMs(r, shownAt) : null;
  if (r.kind === 'question_spike') {
    return (
      <article className={`reminder spike${big ? ' big' : ''}`} data-testid="reminder" data-kind={r.kind}>
        <header>
          <span className="badge warn">{t('console.questionSpike')}</span>
          <span className="muted small">{formatMoment(r.window_end, lang)}</span>
        </header>
        <p className="reminder-main" data-testid="reminder-spike-text">
          {t('alertText.reminder.spike', { topic: topicName(r.topic, t), count: r.count, span: spanLength(r.window_start, r.window_end, t) })}
        </p>
        <p className="reminder-alt">{t('alertText.reminder.spikeAdvice', { topic: topicName(r.topic, t) })}</p>
      </article>
    );
  }
  return (
    <article className={`reminder hit sev-${r.severity}${big ? ' big' : ''}`} data-testid="reminder" data-kind={r.kind} data-phrase={r.phrase}>
      <header>
        <span className={`badge sev ${r.severity}`}>{t(`wordingCategory.${r.category}`, { defaultValue: r.category })}</span>
        <span className="muted small">
          {formatMoment(r.occurred_at, lang)} · {t('console.offset', { offset: formatOffset(r.offset_ms) })}
          {r.sku_id ? ` · SKU ${r.sku_id}` : ''}
        </span>
      </header>
      {big && (
        // Readable from 2 m on a 1280×720 tablet beside the camera (issue #17): the phrase, the rule
        // and the safer wording first, in large type; the whole sentence follows, smaller.
        <div className="big-lines">
          <p className="big-phrase" data-testid="big-phrase">
            「{r.phrase}」
          </p>
          <p className="big-rule" data-testid="big-rule">
            {ruleName(t, r.rule_id, r.category)}
          </p>
          {r.alternative && (
            <p className="big-alt" data-testid="big-alt">
              {t('console.sayInstead')} <strong>{r.alternative}</strong>
            </p>
          )}
        </div>
      )}
      <p className="reminder-main">
        {t('console.youSaid')}
        <q>
          {markHits(r.text, [r]).map((p, i) =>
            p.hits.length > 0 ? (
              <mark key={i} data-testid="reminder-phrase">
                {p.text}
              </mark>
            ) : (
              <span key={i}>{p.text}</span>
            ),
          )}
        </q>
      </p>
      {r.alternative && !big && (
        <p className="reminder-alt">
          {t('console.sayInstead')} <strong>{r.alternative}</strong>
        </p>
      )}
      <footer className="muted small">
        <span data-testid="reminder-rule" data-rule={r.rule_id}>
          {t('console.rule', { rule: ruleName(t, r.rule_id, r.category), term: r.term })}
        </span>
        {latency !== null && ` · ${t('console.latency', { ms: latency })}`}
      </footer>
    </article>
  );
}
