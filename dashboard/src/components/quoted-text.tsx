import { Fragment } from 'react';

/**
 * A sentence of the UI that quotes what was said or named in Chinese (a host's phrase, a product
 * title, a province): in the English UI each run of Chinese is marked as quoted data in zh-CN, so
 * screen readers switch voice and the language walk does not read it as untranslated chrome.
 */
const CJK_RUN = /([\u3000-\u303f\u3400-\u9fff\uff00-\uffef「」“”]+)/u;

export function QuotedText({ text, lang }: { text: string; lang: string }) {
  if (lang.startsWith('zh')) return <>{text}</>;
  const parts = text.split(CJK_RUN);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="data" lang="zh-CN">
            {part}
          </span>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
