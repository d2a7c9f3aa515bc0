import { useTranslation } from 'react-i18next';
import { applyLanguage } from './i18n';
import { type Language, otherLanguage, resolveLanguage } from './language';

export function useLanguage(): { language: Language; setLanguage: (language: Language) => void; toggle: () => void } {
  const { i18n } = useTranslation();
  const language = resolveLanguage(i18n.resolvedLanguage ?? i18n.language);
  return {
    language,
    setLanguage: applyLanguage,
    toggle: () => applyLanguage(otherLanguage(language)),
  };
}
