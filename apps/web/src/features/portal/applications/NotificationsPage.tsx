import { Badge, Button, Card, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMarkNotificationRead, useNotifications } from '../../../shared/notifications/useNotifications';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { LinkButton } from '../../../shared/ui/LinkButton';
import { useDocumentTitle } from '../../../shared/ui/useDocumentTitle';
import './applications.css';
import { CitizenLinks } from './CitizenLinks';
import { formatDateTime } from './useDownload';

/** The citizen's notifications, newest first; unread ones can be marked read. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const notifications = useNotifications(true);
  const markRead = useMarkNotificationRead();
  useDocumentTitle(t('notifications.title'));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }} data-testid="area-title">
        {t('notifications.title')}
      </Typography.Title>
      <CitizenLinks />
      <Card>
        {notifications.isError && <ErrorAlert error={notifications.error} onRetry={() => void notifications.refetch()} />}
        {notifications.data && notifications.data.items.length === 0 && <Empty description={t('notifications.empty')} />}
        {notifications.data && notifications.data.items.length > 0 && (
          <List
            data-testid="notifications"
            dataSource={notifications.data.items}
            renderItem={(item) => (
              <List.Item
                key={item.id}
                data-testid={`notification-${item.id}`}
                data-read={item.readAt ? 'true' : 'false'}
                actions={[
                  ...(item.applicationId
                    ? [
                        <LinkButton key="open" size="small" to={`/portal/applications/${item.applicationId}`}>
                          {t('notifications.open')}
                        </LinkButton>,
                      ]
                    : []),
                  ...(item.readAt
                    ? []
                    : [
                        <Button key="read" size="small" loading={markRead.isPending && markRead.variables === item.id} onClick={() => markRead.mutate(item.id)} data-testid={`notification-read-${item.id}`}>
                          {t('notifications.markRead')}
                        </Button>,
                      ]),
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space size={8}>
                      {!item.readAt && <Badge status="processing" text={<span className="sr-only">{t('notifications.unread')}</span>} />}
                      <span style={{ fontWeight: item.readAt ? 400 : 600 }}>{item.title}</span>
                    </Space>
                  }
                  description={
                    <>
                      <div style={{ whiteSpace: 'pre-line' }}>{item.body}</div>
                      <Typography.Text type="secondary">
                        {[item.caseNumber, formatDateTime(item.createdAt, i18n.language)].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </Space>
  );
}
