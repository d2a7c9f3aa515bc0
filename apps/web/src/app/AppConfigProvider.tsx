import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { themeForDisplay } from '../shared/display/displayPrefs';
import { useDisplayPrefs } from '../shared/display/useDisplayPrefs';
import { useLanguage } from '../shared/i18n/useLanguage';
import { theme } from './theme';

/** antd's locale follows the chosen language and its theme the display preferences; wraps everything, the start-up error page included. */
export function AppConfigProvider({ children }: { children: ReactNode }) {
  const { language } = useLanguage();
  const [display] = useDisplayPrefs();
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={themeForDisplay(theme, display)}>
      {/* antd's App gives message/notification/modal hooks (App.useApp) the theme and locale; no wrapper element. */}
      <AntdApp component={false}>{children}</AntdApp>
    </ConfigProvider>
  );
}
