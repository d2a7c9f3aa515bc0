import { Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function FullPageSpinner({ fullHeight = true }: { fullHeight?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" style={{ minHeight: fullHeight ? '100vh' : 240 }} role="status" aria-live="polite">
      <Spin size="large" description={t('app.loading')}>
        <div style={{ width: 160, height: 80 }} />
      </Spin>
    </Flex>
  );
}
