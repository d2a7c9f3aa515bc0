import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNotifications } from './useNotifications';

/** Header bell: unread count, opens the notification list (the citizen's, or staff's in the inbox area). */
export function NotificationBell({ to }: { to: string }) {
  const { t } = useTranslation();
  const notifications = useNotifications(true);
  const unread = notifications.data?.unread ?? 0;
  return (
    <Link to={to} className="notification-bell" data-testid="notification-bell" aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}>
      <Badge count={unread} size="small" overflowCount={99} data-testid="notification-count" aria-hidden>
        <BellOutlined aria-hidden style={{ fontSize: 20, color: '#fff' }} />
      </Badge>
    </Link>
  );
}
