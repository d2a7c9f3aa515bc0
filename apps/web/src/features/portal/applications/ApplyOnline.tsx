import { EditOutlined, FormOutlined, LoginOutlined } from '@ant-design/icons';
import type { ServiceItem } from '@gov/contracts';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../../shared/api/useMe';
import { useAuth } from '../../../shared/auth/useAuth';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { LinkButton } from '../../../shared/ui/LinkButton';
import { useCreateApplication, useMyApplications } from './useApplications';
import { formatDateTime } from './useDownload';

/**
 * 在线办理 on a service guide: visitors log in first (and come back here); a citizen starts a
 * new application, or resumes an open draft of the same item.
 */
export function ApplyOnline({ item }: { item: ServiceItem }) {
  const { t, i18n } = useTranslation();
  const { authenticated, session } = useAuth();
  const me = useMe();
  const navigate = useNavigate();
  const isCitizen = me.data?.roles.includes('citizen') ?? false;
  const drafts = useMyApplications({ status: 'draft', page: 1, pageSize: 100 }, authenticated && isCitizen);
  const create = useCreateApplication();
  const draft = drafts.data?.items.find((application) => application.itemCode === item.code);

  if (!item.online) return null;

  const apply = () =>
    create.mutate(item.code, {
      onSuccess: (view) => void navigate(`/portal/applications/${view.id}`),
    });

  return (
    <Card className="no-print" data-testid="apply-card">
      {!authenticated && (
        <Space orientation="vertical">
          <Typography.Text>{t('applications.applyHint')}</Typography.Text>
          <Button type="primary" size="large" icon={<LoginOutlined aria-hidden />} onClick={() => void session.login(window.location.href)} data-testid="apply-online">
            {t('applications.applyLogin')}
          </Button>
        </Space>
      )}
      {authenticated && me.data && !isCitizen && <Alert type="info" showIcon title={t('applications.onlyCitizens')} data-testid="apply-citizens-only" />}
      {authenticated && isCitizen && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {draft && (
            <Alert
              type="info"
              showIcon
              data-testid="open-draft"
              title={t('applications.resumeTitle')}
              description={t('applications.resumeText', { date: formatDateTime(draft.createdAt, i18n.language) })}
              action={
                <LinkButton to={`/portal/applications/${draft.id}`} type="primary" icon={<EditOutlined aria-hidden />} data-testid="resume-draft">
                  {t('applications.resume')}
                </LinkButton>
              }
            />
          )}
          <Button type={draft ? 'default' : 'primary'} size="large" icon={<FormOutlined aria-hidden />} loading={create.isPending} onClick={apply} data-testid="apply-online">
            {create.isPending ? t('applications.creating') : draft ? t('applications.applyNew') : t('applications.applyOnline')}
          </Button>
          {create.isError && <ErrorAlert error={create.error} onRetry={apply} />}
        </Space>
      )}
    </Card>
  );
}
