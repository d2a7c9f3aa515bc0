import { ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../shared/ui/LanguageSwitch';
import { useDocumentTitle } from '../shared/ui/useDocumentTitle';
import type { StartupStep } from './startup';

/** Full-page error when /api/config or Keycloak cannot be reached: says which, why, and offers a retry. */
export function StartupErrorPage({ step, error, onRetry }: { step: StartupStep; error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  useDocumentTitle(t('startupError.title'));
  return (
    <main data-testid="app-error" className="startup-error">
      <Flex justify="flex-end" style={{ padding: 16 }}>
        <LanguageSwitch />
      </Flex>
      <Result
        status="error"
        title={<h1 className="result-heading">{t('startupError.title')}</h1>}
        subTitle={<span role="alert">{t(step === 'config' ? 'startupError.config' : 'startupError.keycloak')}</span>}
        extra={
          <Button type="primary" icon={<ReloadOutlined aria-hidden />} onClick={onRetry} data-testid="app-error-retry">
            {t('startupError.retry')}
          </Button>
        }
      >
        <Typography.Paragraph>
          <Typography.Text strong>{t('startupError.details')}: </Typography.Text>
          <Typography.Text code>{error.message}</Typography.Text>
        </Typography.Paragraph>
      </Result>
    </main>
  );
}
