import { AppstoreOutlined, AuditOutlined, BarChartOutlined, BankOutlined, HomeOutlined, PartitionOutlined, SettingOutlined } from '@ant-design/icons';
import type { Area } from '@gov/contracts';
import { Layout } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { useMe } from '../shared/api/useMe';
import { useAuth } from '../shared/auth/useAuth';
import { NotificationBell } from '../shared/notifications/NotificationBell';
import { DisplaySwitch } from '../shared/ui/DisplaySwitch';
import { LanguageSwitch } from '../shared/ui/LanguageSwitch';
import { areaPath, navigationAreas } from './landing';
import { UserMenu } from './UserMenu';

const AREA_ICONS: Record<Area, ReactNode> = {
  portal: <AppstoreOutlined aria-hidden />,
  counter: <BankOutlined aria-hidden />,
  inbox: <AuditOutlined aria-hidden />,
  designer: <PartitionOutlined aria-hidden />,
  admin: <SettingOutlined aria-hidden />,
  analytics: <BarChartOutlined aria-hidden />,
};

/** Page frame: skip link, header (banner), area navigation, main content, footer. */
export function AppShell() {
  const { t } = useTranslation();
  const { authenticated } = useAuth();
  const me = useMe();
  // While /api/me loads for a logged-in user, show no areas rather than the visitor's.
  const areas = !authenticated ? navigationAreas(undefined) : me.data ? navigationAreas(me.data) : [];

  return (
    <Layout className="app">
      <a className="skip-link" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="app-header">
        <Link to="/" className="app-brand">
          <HomeOutlined aria-hidden />
          <span>{t('app.name')}</span>
        </Link>
        <div className="app-header-actions">
          <DisplaySwitch ghost />
          <LanguageSwitch ghost />
          {authenticated && me.data?.roles.includes('citizen') && <NotificationBell to="/portal/notifications" />}
          {authenticated && !me.data?.roles.includes('citizen') && me.data?.roles.some((role) => role === 'dept-admin' || role === 'supervisor') && <NotificationBell to="/inbox/notifications" />}
          <UserMenu me={me.data} />
        </div>
      </Layout.Header>
      {areas.length > 0 && (
        <nav className="app-nav" aria-label={t('nav.label')}>
          <ul>
            {areas.map((area) => (
              <li key={area}>
                <NavLink to={areaPath(area)} data-testid={`nav-${area}`}>
                  {AREA_ICONS[area]}
                  <span>{t(`areas.${area}.name`)}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Layout.Content id="main-content" tabIndex={-1} className="app-main">
        <Outlet />
      </Layout.Content>
      <Layout.Footer className="app-footer">{t('app.footer')}</Layout.Footer>
    </Layout>
  );
}
