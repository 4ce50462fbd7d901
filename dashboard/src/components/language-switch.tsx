import { useTranslation } from 'react-i18next';
import { setLanguage, type Lang } from '../i18n/i18n.ts';

/** 中文 / English; the choice is remembered in localStorage. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const next: Lang = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <button type="button" className="ghost small" onClick={() => setLanguage(next)} data-testid="lang-switch" lang={next}>
      {next === 'en' ? 'English' : '中文'}
    </button>
  );
}
