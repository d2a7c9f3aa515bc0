import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNotifications } from './useNotifications';

/** Header bell for logged-in citizens: unread count, opens the notification list. */
export function NotificationBell() {
  const { t } = useTranslation();
  const notifications = useNotifications(true);
  const unread = notifications.data?.unread ?? 0;
  return (
    <Link to="/portal/notifications" className="notification-bell" data-testid="notification-bell" aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}>
      <Badge count={unread} size="small" overflowCount={99} data-testid="notification-count" aria-hidden>
        <BellOutlined aria-hidden style={{ fontSize: 20, color: '#fff' }} />
      </Badge>
    </Link>
  );
}
