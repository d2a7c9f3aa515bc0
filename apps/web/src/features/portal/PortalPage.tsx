import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../shared/api/useMe';
import { useAuth } from '../../shared/auth/useAuth';
import { AreaPage } from '../../shared/ui/AreaPage';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { IdentitySummary } from '../../shared/ui/IdentitySummary';

/** The citizens' online service hall; public, so visitors may look before logging in. */
export function PortalPage() {
  const { t } = useTranslation();
  const { authenticated } = useAuth();
  const me = useMe();
  return (
    <AreaPage area="portal">
      <Card title={<h2 className="card-heading">{authenticated && me.data ? t('areas.portal.identity') : t('areas.portal.welcome')}</h2>}>
        {!authenticated && <Typography.Paragraph style={{ marginBottom: 0 }}>{t('areas.portal.anonymousHint')}</Typography.Paragraph>}
        {authenticated && me.isError && <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />}
        {authenticated && me.data && (
          <>
            <Typography.Paragraph>
              <Typography.Text strong data-testid="portal-user-name">
                {me.data.name}
              </Typography.Text>
            </Typography.Paragraph>
            <IdentitySummary me={me.data} />
          </>
        )}
      </Card>
    </AreaPage>
  );
}
