import { publicInfoKindSchema } from '@gov/contracts';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../shared/api/useMe';
import { useAuth } from '../../shared/auth/useAuth';
import { AreaPage } from '../../shared/ui/AreaPage';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { IdentitySummary } from '../../shared/ui/IdentitySummary';
import { CitizenLinks } from './applications/CitizenLinks';
import { CatalogueBrowser } from './CatalogueBrowser';
import { PublicInfoLinks } from './PublicInfoLinks';
import { PublicInfoPage } from './PublicInfoPage';
import { ServiceGuidePage } from './ServiceGuidePage';

/**
 * The citizens' online service hall; public, so visitors may look before logging in.
 * `?item=<code>` opens a guide, `?info=<kind>` one kind of public information.
 */
export function PortalPage() {
  const { t } = useTranslation();
  const { authenticated } = useAuth();
  const me = useMe();
  const [params] = useSearchParams();
  const code = params.get('item');
  if (code) return <ServiceGuidePage code={code} />;
  const infoKind = publicInfoKindSchema.safeParse(params.get('info'));
  if (infoKind.success) return <PublicInfoPage kind={infoKind.data} />;
  return (
    <AreaPage area="portal">
      {authenticated && me.data?.roles.includes('citizen') && (
        <Card title={<h2 className="card-heading">{t('applications.myCases')}</h2>} data-testid="citizen-links">
          <CitizenLinks />
        </Card>
      )}
      <CatalogueBrowser />
      <PublicInfoLinks />
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
