import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useLanguage } from '../shared/i18n/useLanguage';
import { theme } from './theme';

/** antd's locale and theme follow the chosen language; wraps everything, the start-up error page included. */
export function AppConfigProvider({ children }: { children: ReactNode }) {
  const { language } = useLanguage();
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={theme}>
      {children}
    </ConfigProvider>
  );
}
