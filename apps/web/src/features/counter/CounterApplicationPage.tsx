import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../shared/api/ApiError';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LinkButton } from '../../shared/ui/LinkButton';
import { useDocumentTitle } from '../../shared/ui/useDocumentTitle';
import { ApplicationEditor } from '../portal/applications/ApplicationEditor';
import { CaseView } from '../portal/applications/CaseView';
import { StatusTag } from '../portal/applications/StatusTag';
import { precheckNoticePath, useApplication, useItemForm } from '../portal/applications/useApplications';
import { formatDateTime, useDownload } from '../portal/applications/useDownload';

/**
 * `/counter/applications/:id`: the clerk fills in and submits the citizen's application with the
 * same editor as online (R15: same standards), and prints the one-time notice of the on-the-spot
 * pre-review when something is missing.
 */
export function CounterApplicationPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const application = useApplication(id);
  const view = application.data;
  const form = useItemForm(view?.itemCode);
  const download = useDownload();
  const [printError, setPrintError] = useState<Error | null>(null);
  useDocumentTitle(view ? `${view.itemName} - ${t('counter.title')}` : t('counter.title'));

  const printNotice = async () => {
    setPrintError(null);
    try {
      await download(precheckNoticePath(id), `notice-${id}.pdf`);
    } catch (error) {
      setPrintError(error instanceof Error ? error : new Error(String(error)));
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <LinkButton to="/counter" icon={<ArrowLeftOutlined aria-hidden />} data-testid="back-to-counter">
          {t('counter.back')}
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
              <Typography.Text>{view.applicant.name}（{view.applicant.idNumberMasked}）</Typography.Text>
              {view.counter && <Typography.Text type="secondary">{t('counter.acceptedAt', { centre: view.counter.centreName, clerk: view.counter.clerkName })}</Typography.Text>}
            </div>
            {view.counter?.handedBackAt && (
              <Alert style={{ marginTop: 12 }} type="success" showIcon data-testid="handed-back" title={t('counter.handedBackAt', { time: formatDateTime(view.counter.handedBackAt, i18n.language) })} />
            )}
          </div>
          {view.actions.submit && (
            <Card>
              <Typography.Paragraph>{t('counter.printNoticeHelp')}</Typography.Paragraph>
              <Button icon={<PrinterOutlined aria-hidden />} onClick={() => void printNotice()} data-testid="print-notice">
                {t('counter.printNotice')}
              </Button>
              {printError && <div style={{ marginTop: 12 }}><ErrorAlert error={printError} /></div>}
            </Card>
          )}
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
