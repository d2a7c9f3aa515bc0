import { Alert, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../shared/auth/CurrentUser';
import { DepartmentsCard } from '../../shared/ui/AreaPage';
import { useDocumentTitle } from '../../shared/ui/useDocumentTitle';
import { InboxTasks } from './InboxTasks';
import { InboxTheme } from './InboxTheme';
import { RectificationsCard } from './RectificationsCard';
import { SupervisionCard } from './SupervisionCard';
import { useInboxLive } from './useInboxLive';

/** Approvers work their departments' shared inbox here, and answer bad ratings (差评整改). */
export function InboxPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const title = t('areas.inbox.title');
  useDocumentTitle(title);
  useInboxLive();
  const answersRatings = me.roles.some((role) => role === 'approver' || role === 'dept-admin' || role === 'supervisor' || role === 'admin');
  return (
    <InboxTheme>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <div>
          <Typography.Title level={1} data-testid="area-title" style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
          <Typography.Paragraph className="lead">{t('inbox.intro')}</Typography.Paragraph>
        </div>
        <InboxTasks />
        <SupervisionCard supervisor={me.roles.includes('supervisor') || me.roles.includes('admin')} />
        {answersRatings && <RectificationsCard />}
        <DepartmentsCard departments={me.departments} />
        <Alert type="info" showIcon title={t('areaPage.comingSoon')} description={t('inbox.later')} data-testid="inbox-later" />
      </Space>
    </InboxTheme>
  );
}
