import { Alert, Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/ApiError';
import { describeError } from '../api/describeError';

/** Shows a failed request readably: the problem's title and detail, with its code and request id for support. */
export function ErrorAlert({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  const api = error instanceof ApiError ? error : undefined;
  const { title, detail } = describeError(error, (key, options) => t(key, options));
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={
        <>
          {detail && <Typography.Paragraph style={{ marginBottom: 4 }}>{detail}</Typography.Paragraph>}
          {api && (
            <Typography.Text type="secondary">
              {t('apiError.code')}: {api.code}
              {api.status > 0 ? ` (HTTP ${api.status})` : ''}
              {api.requestId ? ` · ${t('apiError.requestId')}: ${api.requestId}` : ''}
            </Typography.Text>
          )}
        </>
      }
      action={onRetry && <Button onClick={onRetry}>{t('apiError.retry')}</Button>}
    />
  );
}
