import { useTranslation } from 'react-i18next';
import type { StreamStatus } from '../api/event-stream.ts';

/** A dot and a word: live, reconnecting or unavailable. */
export function StreamStatusBadge({ status }: { status: StreamStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`stream-status ${status}`} data-testid="stream-status" data-status={status}>
      <span className="dot" aria-hidden="true" />
      {t(`stream.${status}`)}
    </span>
  );
}
