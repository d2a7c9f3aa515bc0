import { DownOutlined, LoginOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import type { Me } from '@gov/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../shared/auth/useAuth';
import { IdentitySummary } from '../shared/ui/IdentitySummary';

/** Header corner: a log-in button for visitors, or the user's name opening identity and log-out. */
export function UserMenu({ me }: { me: Me | undefined }) {
  const { t } = useTranslation();
  const { session, authenticated } = useAuth();
  const queryClient = useQueryClient();
  const panel = useRef<HTMLDivElement>(null);

  if (!authenticated) {
    return (
      <Button type="primary" icon={<LoginOutlined aria-hidden />} data-testid="login" onClick={() => void session.login(`${window.location.origin}/`)}>
        {t('user.login')}
      </Button>
    );
  }

  const name = me?.name ?? '…';
  const logout = () => {
    queryClient.clear();
    void session.logout();
  };
  return (
    <Dropdown
      trigger={['click']}
      onOpenChange={(open) => {
        // Move keyboard focus into the opened menu (the popup lives at the end of <body>).
        if (open) window.requestAnimationFrame(() => panel.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus());
      }}
      placement="bottomRight"
      menu={{
        items: [{ key: 'logout', danger: true, icon: <LogoutOutlined aria-hidden />, label: <span data-testid="logout">{t('user.logout')}</span> }],
        onClick: ({ key }) => {
          if (key === 'logout') logout();
        },
      }}
      popupRender={(menu) => (
        <div className="user-panel" ref={panel}>
          {me && (
            <div className="user-panel-identity">
              <Typography.Text strong>{me.name}</Typography.Text>
              <IdentitySummary me={me} />
            </div>
          )}
          {menu}
        </div>
      )}
    >
      <Button ghost data-testid="user-menu" icon={<UserOutlined aria-hidden />} aria-label={t('user.menuLabel', { name })}>
        <span data-testid="user-name">{name}</span>
        <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}
