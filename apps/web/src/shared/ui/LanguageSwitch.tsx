import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { otherLanguage } from '../i18n/language';
import { useLanguage } from '../i18n/useLanguage';

/** Switches between 中文 and English; the label is written in (and marked as) the language it switches to. */
export function LanguageSwitch({ ghost = false }: { ghost?: boolean }) {
  const { t } = useTranslation();
  const { language, toggle } = useLanguage();
  return (
    <Button data-testid="lang-switch" ghost={ghost} icon={<GlobalOutlined aria-hidden />} onClick={toggle} title={t('language.switchLabel')}>
      <span lang={otherLanguage(language)}>{t('language.switchTo')}</span>
    </Button>
  );
}
