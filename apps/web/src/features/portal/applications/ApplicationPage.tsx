import { ArrowLeftOutlined } from '@ant-design/icons';
import type { ApplicationView } from '@gov/contracts';
import { Alert, Space, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../../shared/api/ApiError';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { LinkButton } from '../../../shared/ui/LinkButton';
import { useDocumentTitle } from '../../../shared/ui/useDocumentTitle';
import { ApplicationEditor } from './ApplicationEditor';
import { CaseView } from './CaseView';
import { StatusTag } from './StatusTag';
import { useApplication, useApplicationForm } from './useApplications';
import { WithdrawButton } from './WithdrawButton';

/** `/portal/applications/:id`: a draft or a case to correct is edited; any other case is shown. */
export function ApplicationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <ApplicationScreen
      id={id}
      area={t('applications.myApplications')}
      back={{ to: '/portal/applications', label: t('applications.back'), testId: 'back-to-applications' }}
      head={(view) => view.actions.withdraw && <WithdrawButton applicationId={view.id} />}
    />
  );
}

/**
 * One application, edited while it is a draft or asked for correction and shown otherwise — the
 * same screen for the citizen online and for the clerk at a counter (R15), who adds their own parts.
 */
export function ApplicationScreen({ id, area, back, head, extra }: {
  id: string;
  /** The area's name, for the document title. */
  area: string;
  back: { to: string; label: string; testId: string };
  /** More in the header line (after status, case number and agency). */
  head?: (view: ApplicationView) => ReactNode;
  /** Between the header and the form or case (e.g. the counter's pre-review notice). */
  extra?: (view: ApplicationView) => ReactNode;
}) {
  const { t } = useTranslation();
  const application = useApplication(id);
  const view = application.data;
  const form = useApplicationForm(id, view !== undefined);
  useDocumentTitle(view ? `${view.itemName} - ${area}` : area);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <LinkButton to={back.to} icon={<ArrowLeftOutlined aria-hidden />} data-testid={back.testId}>
          {back.label}
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
              {head?.(view)}
            </div>
          </div>
          {extra?.(view)}
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
