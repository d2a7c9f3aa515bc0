import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkButton } from './LinkButton';
import { useDocumentTitle } from './useDocumentTitle';

/** 403: the user is logged in but none of their roles opens this area. */
export function ForbiddenPage({ areaName }: { areaName: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('forbidden.title'));
  return (
    <Result
      data-testid="forbidden"
      status="403"
      title={<h1 className="result-heading">{t('forbidden.title')}</h1>}
      subTitle={t('forbidden.description', { area: areaName })}
      extra={
        <LinkButton to="/" type="primary">
          {t('forbidden.home')}
        </LinkButton>
      }
    />
  );
}
