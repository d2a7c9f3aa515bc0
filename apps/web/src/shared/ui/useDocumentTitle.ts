import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the page title as "<page> - <platform>" so each route is announced distinctly (WCAG 2.4.2). */
export function useDocumentTitle(page: string | undefined): void {
  const { t } = useTranslation();
  const platform = t('app.name');
  const separator = t('app.titleSeparator');
  useEffect(() => {
    document.title = page ? `${page}${separator}${platform}` : platform;
  }, [page, platform, separator]);
}
