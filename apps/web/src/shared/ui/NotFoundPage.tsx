import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkButton } from './LinkButton';
import { useDocumentTitle } from './useDocumentTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <Result
      status="404"
      title={<h1 className="result-heading">{t('notFound.title')}</h1>}
      subTitle={t('notFound.description')}
      extra={
        <LinkButton to="/" type="primary">
          {t('notFound.home')}
        </LinkButton>
      }
    />
  );
}
