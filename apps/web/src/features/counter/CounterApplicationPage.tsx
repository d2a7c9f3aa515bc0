import { PrinterOutlined } from '@ant-design/icons';
import type { ApplicationView } from '@gov/contracts';
import { Alert, Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { ApplicationScreen } from '../portal/applications/ApplicationPage';
import { precheckNoticePath } from '../portal/applications/useApplications';
import { formatDateTime, useDownload } from '../portal/applications/useDownload';

/**
 * `/counter/applications/:id`: the clerk fills in and submits the citizen's application with the
 * same screen as online (R15: same standards), and prints the one-time notice of the on-the-spot
 * pre-review when something is missing.
 */
export function CounterApplicationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <ApplicationScreen
      id={id}
      area={t('counter.title')}
      back={{ to: '/counter', label: t('counter.back'), testId: 'back-to-counter' }}
      head={(view) => (
        <>
          <Typography.Text>{view.applicant.name}（{view.applicant.idNumberMasked}）</Typography.Text>
          {view.counter && <Typography.Text type="secondary">{t('counter.acceptedAt', { centre: view.counter.centreName, clerk: view.counter.clerkName })}</Typography.Text>}
        </>
      )}
      extra={(view) => <CounterExtras view={view} />}
    />
  );
}

function CounterExtras({ view }: { view: ApplicationView }) {
  const { t, i18n } = useTranslation();
  const download = useDownload();
  const [printError, setPrintError] = useState<Error | null>(null);
  const printNotice = async () => {
    setPrintError(null);
    try {
      await download(precheckNoticePath(view.id), `notice-${view.id}.pdf`);
    } catch (error) {
      setPrintError(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return (
    <>
      {view.counter?.handedBackAt && (
        <Alert type="success" showIcon data-testid="handed-back" title={t('counter.handedBackAt', { time: formatDateTime(view.counter.handedBackAt, i18n.language) })} />
      )}
      {view.actions.submit && (
        <Card>
          <Typography.Paragraph>{t('counter.printNoticeHelp')}</Typography.Paragraph>
          <Button icon={<PrinterOutlined aria-hidden />} onClick={() => void printNotice()} data-testid="print-notice">
            {t('counter.printNotice')}
          </Button>
          {printError && <div style={{ marginTop: 12 }}><ErrorAlert error={printError} /></div>}
        </Card>
      )}
    </>
  );
}
