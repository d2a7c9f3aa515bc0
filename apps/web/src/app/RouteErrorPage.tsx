import { Button, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { useDocumentTitle } from '../shared/ui/useDocumentTitle';

/** Shown when a route fails to render or its code chunk fails to load (e.g. after a deployment). */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  useDocumentTitle(t('routeError.title'));
  return (
    <main className="startup-error">
      <Result
        status="error"
        title={<h1 className="result-heading">{t('routeError.title')}</h1>}
        subTitle={t('routeError.description')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('routeError.reload')}
          </Button>
        }
      >
        {error instanceof Error && <Typography.Text code>{error.message}</Typography.Text>}
      </Result>
    </main>
  );
}
