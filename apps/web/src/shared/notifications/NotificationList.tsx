import type { Notification } from '@gov/contracts';
import { Badge, Button, Card, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ui/ErrorAlert';
import { LinkButton } from '../ui/LinkButton';
import { useMarkNotificationRead, useNotifications } from './useNotifications';

const formatDateTime = (iso: string, language: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
};

/**
 * The caller's in-app notifications, newest first; unread ones can be marked read. `linkOf` says
 * where a notification leads in the caller's area (the citizen's case, the inbox), or nowhere.
 */
export function NotificationList({ linkOf }: { linkOf: (item: Notification) => string | null }) {
  const { t, i18n } = useTranslation();
  const notifications = useNotifications(true);
  const markRead = useMarkNotificationRead();
  return (
    <Card>
      {notifications.isError && <ErrorAlert error={notifications.error} onRetry={() => void notifications.refetch()} />}
      {notifications.data && notifications.data.items.length === 0 && <Empty description={t('notifications.empty')} />}
      {notifications.data && notifications.data.items.length > 0 && (
        <List
          data-testid="notifications"
          dataSource={notifications.data.items}
          renderItem={(item) => {
            const link = linkOf(item);
            return (
              <List.Item
                key={item.id}
                data-testid={`notification-${item.id}`}
                data-read={item.readAt ? 'true' : 'false'}
                actions={[
                  ...(link
                    ? [
                        <LinkButton key="open" size="small" to={link}>
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
            );
          }}
        />
      )}
    </Card>
  );
}
