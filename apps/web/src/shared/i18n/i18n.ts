import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { LANGUAGE_STORAGE_KEY, type Language, resolveLanguage } from './language';
import { zhCN } from './zhCN';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
};

function readStoredLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // storage disabled (privacy mode): fall back to the default
  }
}

/** Initialises i18next synchronously (resources are bundled) before the first render. */
export function initI18n(): Language {
  const language = resolveLanguage(readStoredLanguage());
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'zh-CN',
    supportedLngs: ['zh-CN', 'en'],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
  });
  document.documentElement.lang = language;
  return language;
}

export function applyLanguage(language: Language): void {
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // the choice then lasts only for this page view
  }
}
