import { AppstoreOutlined } from '@ant-design/icons';
import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkButton } from '../../shared/ui/LinkButton';
import { useDocumentTitle } from '../../shared/ui/useDocumentTitle';

/** Public home: what the platform is and for whom, and the way into the online service hall. */
export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('home.title'));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ marginTop: 0 }}>
          {t('home.heading')}
        </Typography.Title>
        <Typography.Paragraph className="lead">{t('home.lead')}</Typography.Paragraph>
        <LinkButton to="/portal" type="primary" size="large" icon={<AppstoreOutlined aria-hidden />} data-testid="enter-portal">
          {t('home.enterPortal')}
        </LinkButton>
      </div>
      <Card title={<h2 className="card-heading">{t('home.forWhom')}</h2>}>
        <ul className="home-audiences">
          <li>{t('home.citizens')}</li>
          <li>{t('home.counter')}</li>
          <li>{t('home.departments')}</li>
          <li>{t('home.supervision')}</li>
        </ul>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('home.loginHint')}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
