import type { Area } from '@gov/contracts';
import { Result } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useMe } from '../shared/api/useMe';
import { CurrentUserContext } from '../shared/auth/CurrentUser';
import { useAuth } from '../shared/auth/useAuth';
import { ErrorAlert } from '../shared/ui/ErrorAlert';
import { ForbiddenPage } from '../shared/ui/ForbiddenPage';
import { FullPageSpinner } from '../shared/ui/FullPageSpinner';
import { useDocumentTitle } from '../shared/ui/useDocumentTitle';

/**
 * Route guard of a staff area: anonymous users go to the Keycloak login and come back here;
 * logged-in users without one of the area's roles see 403. Which areas a user may open is
 * the server's answer (`me.areas`), so the client and the API cannot disagree. This only
 * shapes the UI: the API authorises every request itself.
 */
export function RequireArea({ area }: { area: Area }) {
  const { t } = useTranslation();
  const { authenticated } = useAuth();
  const me = useMe();

  if (!authenticated) return <RedirectToLogin />;
  if (me.isPending) return <FullPageSpinner fullHeight={false} />;
  if (me.isError) return <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data.areas.includes(area)) return <ForbiddenPage areaName={t(`areas.${area}.name`)} />;
  return (
    <CurrentUserContext.Provider value={me.data}>
      <Outlet />
    </CurrentUserContext.Provider>
  );
}

function RedirectToLogin() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const started = useRef(false);
  useDocumentTitle(t('redirectingToLogin.title'));
  useEffect(() => {
    if (started.current) return; // StrictMode runs effects twice; redirect once
    started.current = true;
    void session.login(window.location.href);
  }, [session]);
  return <Result status="info" title={<h1 className="result-heading">{t('redirectingToLogin.title')}</h1>} subTitle={t('redirectingToLogin.description')} />;
}
