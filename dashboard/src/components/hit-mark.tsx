import { useId, useState, type CSSProperties, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MarkedPiece } from '../shaping/hit-marks.ts';
import { ruleName } from '../shaping/wording-names.ts';

const TIP_WIDTH = 340;

/**
 * Where the tooltip goes: below the mark, or above it near the bottom of the window, kept inside
 * the window's width. Fixed to the viewport because the transcript scrolls inside its panel,
 * which would clip an absolutely placed tooltip.
 */
function tipPlace(e: SyntheticEvent<HTMLElement>): CSSProperties {
  const r = e.currentTarget.getBoundingClientRect();
  const left = Math.max(4, Math.min(r.left, window.innerWidth - TIP_WIDTH - 4));
  return r.bottom + 140 > window.innerHeight ? { left, bottom: window.innerHeight - r.top + 4 } : { left, top: r.bottom + 4 };
}

/**
 * One marked piece of a transcript line. Focusable, so the term, rule and safer wording show on
 * keyboard focus as well as on hover (CSS `.hit-wrap:hover/:focus-within`); the tooltip sits
 * beside the <mark>, not inside it, so the mark's text is exactly the spoken phrase.
 */
export function HitMark({ piece }: { piece: MarkedPiece }) {
  const { t } = useTranslation();
  const id = useId();
  const [place, setPlace] = useState<CSSProperties>({});
  const top = piece.hits[0]!;
  return (
    <span className="hit-wrap" onMouseEnter={(e) => setPlace(tipPlace(e))}>
      <mark
        tabIndex={0}
        className={`hit sev-${top.severity}${piece.hits.length > 1 ? ' overlap' : ''}`}
        aria-describedby={id}
        data-testid="wording-hit"
        data-term={top.term}
        data-start={piece.start}
        data-end={piece.end}
        onFocus={(e) => setPlace(tipPlace(e))}
      >
        {piece.text}
      </mark>
      <span role="tooltip" id={id} className="hit-tip" style={{ ...place, maxWidth: TIP_WIDTH }} data-testid="hit-tip">
        {piece.hits.map((h, i) => (
          <span key={i} className="hit-tip-row" data-rule={h.rule_id}>
            <span className={`badge sev ${h.severity}`}>{t(`wordingCategory.${h.category}`, { defaultValue: h.category })}</span>{' '}
            {t('console.rule', { rule: ruleName(t, h.rule_id, h.category), term: h.term })}
            {h.alternative && (
              <>
                <br />
                {t('console.sayInstead')} <strong data-testid="hit-alternative">{h.alternative}</strong>
              </>
            )}
          </span>
        ))}
      </span>
    </span>
  );
}
