import type { TFunction } from 'i18next';

/**
 * A wording rule as people read it (issue #17: no raw ids on screen): its translated name
 * (i18n wordingRule.<id>, e.g. absolute.lowest_price → 最低价宣称), else the name of its category,
 * else a dash. The id itself stays in data attributes for tests and support.
 */
export function ruleName(t: TFunction, ruleId: string, category?: string): string {
  const fallback = category ? t(`wordingCategory.${category}`, { defaultValue: '' }) : '';
  return t(`wordingRule.${ruleId}`, { defaultValue: fallback || '—' });
}
