import type { Page } from 'playwright-core';

/**
 * What the two-language walk (issue #17) looks for on a page, as a person would see it:
 * - i18n keys the dictionaries lack (noted by the app on window.__i18nMissing, dashboard/src/i18n/i18n.ts);
 * - a raw key on screen outside data: a snake_case token (after_sales, oldest_wait_hours, 7day_no_reason)
 *   or a dotted key (absolute.lowest_price, tile.delay_rate);
 * - in English, Chinese characters in the chrome (anything that is not data).
 * Data is what users or producers wrote, not the product: table cells, quotes and marks of
 * transcripts, product titles, inputs, and elements marked `.data` / `[data-data]` (categories,
 * filter values); and text in another language on purpose (`[lang]`: the language switch's 中文).
 * Chart text is data for the Chinese check only (axis labels name SKUs and
 * categories) but not for raw keys.
 */
export interface Problem {
  kind: 'missing-key' | 'raw-key' | 'chinese';
  text: string;
  where: string;
}

export async function languageProblems(page: Page, lang: 'zh-CN' | 'en'): Promise<Problem[]> {
  return page.evaluate((lang) => {
    const DATA = 'td, q, mark, input, textarea, select, option, script, style, code, .data, [data-data], .sku-title, [data-testid=sku-title], .text, .hit-tip, .recharts-tooltip-wrapper, .map-tip, #recharts_measurement_span, body [lang]';
    const RAW = /(?<![\w.\-/@])(?:[a-z0-9]+(?:_[a-z0-9]+)+|[a-z]+(?:\.[a-z][a-z0-9_]*)+)(?![\w\-/@]|\.\w)/g;
    const HAN = /[\u3400-\u9fff]/;
    const out: { kind: 'missing-key' | 'raw-key' | 'chinese'; text: string; where: string }[] = [];
    const w = window as unknown as { __i18nMissing?: string[] };
    for (const key of new Set(w.__i18nMissing ?? [])) out.push({ kind: 'missing-key', text: key, where: 'i18n' });
    const where = (el: Element) => {
      const tid = el.closest('[data-testid]');
      return `${el.tagName.toLowerCase()}${tid ? ` in [data-testid=${tid.getAttribute('data-testid')}]` : ''}`;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim() ?? '';
      const el = n.parentElement;
      if (!text || !el || el.closest(DATA)) continue;
      const inSvg = el.closest('svg') !== null;
      if (!inSvg && el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      for (const m of text.matchAll(RAW)) out.push({ kind: 'raw-key', text: `${m[0]} («${text.slice(0, 80)}»)`, where: where(el) });
      if (lang === 'en' && !inSvg && HAN.test(text)) out.push({ kind: 'chinese', text: text.slice(0, 80), where: where(el) });
    }
    return out;
  }, lang);
}
