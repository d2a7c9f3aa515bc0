import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { NotificationList } from '../../shared/notifications/NotificationList';
import { LinkButton } from '../../shared/ui/LinkButton';
import { useDocumentTitle } from '../../shared/ui/useDocumentTitle';

/** Staff notifications (escalated steps of their departments, 超期督办); each leads to the step in the 预警督办 view. */
export function InboxNotificationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notifications.title'));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }} data-testid="area-title">
        {t('notifications.title')}
      </Typography.Title>
      <LinkButton to="/inbox">{t('caseLibrary.backToInbox')}</LinkButton>
      <NotificationList linkOf={(item) => `/inbox?view=supervised${item.caseNumber ? `&caseNumber=${encodeURIComponent(item.caseNumber)}` : ''}`} />
    </Space>
  );
}
