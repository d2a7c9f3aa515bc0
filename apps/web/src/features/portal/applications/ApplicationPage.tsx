import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../../shared/api/ApiError';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { LinkButton } from '../../../shared/ui/LinkButton';
import { useDocumentTitle } from '../../../shared/ui/useDocumentTitle';
import { ApplicationEditor } from './ApplicationEditor';
import { CaseView } from './CaseView';
import { StatusTag } from './StatusTag';
import { useApplication, useItemForm } from './useApplications';
import { WithdrawButton } from './WithdrawButton';

/** `/portal/applications/:id`: a draft or a case to correct is edited; any other case is shown. */
export function ApplicationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const application = useApplication(id);
  const view = application.data;
  const form = useItemForm(view?.itemCode);
  useDocumentTitle(view ? `${view.itemName} - ${t('applications.myApplications')}` : t('applications.myApplications'));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <LinkButton to="/portal/applications" icon={<ArrowLeftOutlined aria-hidden />} data-testid="back-to-applications">
          {t('applications.back')}
        </LinkButton>
      </div>
      {application.isPending && <Spin aria-label={t('app.loading')} />}
      {application.isError &&
        (application.error instanceof ApiError && (application.error.status === 404 || application.error.status === 403) ? (
          <Alert type="warning" showIcon title={t('applications.notFound')} data-testid="application-not-found" />
        ) : (
          <ErrorAlert error={application.error} onRetry={() => void application.refetch()} />
        ))}
      {view && (
        <>
          <div>
            <Typography.Title level={1} style={{ marginTop: 0 }} data-testid="application-title">
              {view.itemName}
            </Typography.Title>
            <div className="application-head">
              <StatusTag status={view.status} testId="application-status-tag" />
              <Typography.Text>
                {t('applications.caseNumber')} {view.caseNumber ?? t('applications.noCaseNumber')}
              </Typography.Text>
              <Typography.Text type="secondary">{view.agencyName}</Typography.Text>
              {view.actions.withdraw && <WithdrawButton applicationId={view.id} />}
            </div>
          </div>
          {view.actions.edit ? (
            <>
              {form.isPending && <Spin aria-label={t('app.loading')} />}
              {form.isError && <ErrorAlert error={form.error} onRetry={() => void form.refetch()} />}
              {form.data && <ApplicationEditor key={view.id} view={view} schema={form.data} />}
            </>
          ) : (
            <CaseView view={view} schema={form.data} />
          )}
        </>
      )}
    </Space>
  );
}
