import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { zhCN } from './zh-cn.ts';

/** zh-CN first (DESIGN §7), English on request; the choice is kept in localStorage. */
export type Lang = 'zh-CN' | 'en';
const LANG_KEY = 'radar.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function setLanguage(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // private mode: the switch still works for this page
  }
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

export function initI18n(): void {
  const lng = initialLang();
  document.documentElement.lang = lng;
  void i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
    // A key the dictionaries lack (its defaultValue, often a raw code, is what shows) is noted
    // on window.__i18nMissing: the two-language walk of the e2e fails on any (issue #17).
    saveMissing: true,
    missingKeyHandler: (_lngs, _ns, key) => {
      const w = window as unknown as { __i18nMissing?: string[] };
      (w.__i18nMissing ??= []).push(key);
    },
  });
}
