import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { NotificationList } from '../../../shared/notifications/NotificationList';
import { useDocumentTitle } from '../../../shared/ui/useDocumentTitle';
import './applications.css';
import { CitizenLinks } from './CitizenLinks';

/** The citizen's notifications, newest first; each leads to its case. */
export function NotificationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notifications.title'));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }} data-testid="area-title">
        {t('notifications.title')}
      </Typography.Title>
      <CitizenLinks />
      <NotificationList linkOf={(item) => (item.applicationId ? `/portal/applications/${item.applicationId}` : null)} />
    </Space>
  );
}
