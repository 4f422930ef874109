/** The two languages of the pages' labels and of the titles the server gives where the sources have both. */
export type Language = 'de' | 'en';

const storageKey = 'smartcitygraph.language';

/** ?lang=de|en in the address, else the last choice, else the browser's first German or English preference, else English. */
export function initialLanguage(): Language {
  const fromAddress = new URLSearchParams(window.location.search).get('lang');
  if (fromAddress === 'de' || fromAddress === 'en') return fromAddress;
  const stored = window.localStorage.getItem(storageKey);
  if (stored === 'de' || stored === 'en') return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'de' || primary === 'en') return primary;
  }
  return 'en';
}

export function rememberLanguage(language: Language) {
  window.localStorage.setItem(storageKey, language);
  document.documentElement.lang = language;
}

/** The header that makes the server answer titles and summaries in this language where the sources give it. */
export const acceptLanguage = (language: Language) => ({ 'Accept-Language': language });
