import { DownloadOutlined, FileDoneOutlined } from '@ant-design/icons';
import type { ApplicationView, CaseClock, CaseResult } from '@gov/contracts';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { CorrectionNoticeCard } from './CorrectionNoticeCard';
import { type FormJsSchema, formFields, summaryRows } from '../../../shared/forms/formSchema';
import { MaterialsSection } from './MaterialsSection';
import { RatingCard } from './RatingCard';
import { StatusTag } from './StatusTag';
import { fileContentPath, receiptPath } from './useApplications';
import { departmentName, formatDate, formatDateTime, useDownload } from './useDownload';
import { timelineColour } from '../../../shared/ui/timeline';

/** A submitted, accepted, decided or withdrawn case: where it stands, its result, and what was filed. */
export function CaseView({ view, schema }: { view: ApplicationView; schema: FormJsSchema | undefined }) {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <CaseSummaryCard view={view} />
      {view.result && <ResultCard result={view.result} />}
      {(view.actions.rate || view.rating) && <RatingCard view={view} />}
      {view.clock && <ClockCard clock={view.clock} />}
      <TimelineCard view={view} />
      {view.notices.length > 0 && <NoticeHistory view={view} schema={schema} />}
      <FormSummaryCard view={view} schema={schema} />
      <MaterialsCard view={view} />
    </Space>
  );
}

function CaseSummaryCard({ view }: { view: ApplicationView }) {
  const { t, i18n } = useTranslation();
  const download = useDownload();
  const [receiptError, setReceiptError] = useState<Error | null>(null);
  const caseNumber = view.caseNumber ?? '';
  const getReceipt = async () => {
    setReceiptError(null);
    try {
      await download(receiptPath(view.id), t('applications.receiptFile', { caseNumber }));
    } catch (error) {
      setReceiptError(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return (
    <Card data-testid="case-summary">
      {view.status === 'submitted' && view.caseNumber && (
        <Alert type="success" showIcon icon={<FileDoneOutlined aria-hidden />} style={{ marginBottom: 16 }} title={t('applications.submitted')} description={t('applications.submittedText', { caseNumber })} data-testid="submitted-banner" />
      )}
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        items={[
          { key: 'case', label: t('applications.caseNumber'), children: <span data-testid="case-number">{view.caseNumber ?? t('applications.noCaseNumber')}</span> },
          { key: 'status', label: t('applications.status'), children: <StatusTag status={view.status} testId="application-status" /> },
          { key: 'agency', label: t('applications.agency'), children: view.agencyName },
          { key: 'applicant', label: t('applications.applicant'), children: `${view.applicant.name}（${view.applicant.idNumberMasked}）` },
          ...(view.submittedAt ? [{ key: 'submitted', label: t('applications.submittedAt'), children: formatDateTime(view.submittedAt, i18n.language) }] : []),
          ...(view.dueDate ? [{ key: 'due', label: t('applications.dueDate'), children: <span data-testid="case-due-date">{formatDate(view.dueDate, i18n.language)}</span> }] : []),
        ]}
      />
      {view.caseNumber && (
        <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void getReceipt()} data-testid="receipt-download" style={{ marginTop: 12 }}>
          {t('applications.receipt')}
        </Button>
      )}
      {receiptError && <ErrorAlert error={receiptError} />}
    </Card>
  );
}

export function ClockCard({ clock }: { clock: CaseClock }) {
  const { t, i18n } = useTranslation();
  const stateLabel = { running: t('applications.clock.running'), paused: t('applications.clock.paused'), stopped: t('applications.clock.stopped') }[clock.state];
  return (
    <Card title={<h2 className="card-heading">{t('applications.clock.title')}</h2>} extra={<Tag className={clock.state === 'paused' ? 'tag-app-attention' : 'tag-app-neutral'} data-testid="clock-state">{stateLabel}</Tag>} data-testid="case-clock">
      <Space orientation="vertical" size={4}>
        {clock.dueDate && <Typography.Text strong>{t('applications.clock.due', { date: formatDate(clock.dueDate, i18n.language) })}</Typography.Text>}
        <Typography.Text data-testid="clock-remaining">
          {clock.overdue ? <Typography.Text type="danger">{t('applications.clock.overdue')}</Typography.Text> : t('applications.clock.remaining', { days: clock.remainingDays })}
        </Typography.Text>
        <Typography.Text type="secondary">{t('applications.clock.limit', { days: clock.limitDays, used: clock.usedDays })}</Typography.Text>
        {clock.state === 'paused' && <Typography.Text>{t('applications.clock.pausedHelp')}</Typography.Text>}
        {clock.pauses.length > 0 && (
          <ul className="problem-list">
            {clock.pauses.map((pause) => (
              <li key={pause.from}>
                {t('applications.clock.pause', { reason: pause.reason === 'correction' ? t('applications.clock.reasons.correction') : pause.reason, from: formatDate(pause.from, i18n.language), until: pause.until ? formatDate(pause.until, i18n.language) : t('applications.clock.ongoing'), days: pause.workingDays })}
              </li>
            ))}
          </ul>
        )}
      </Space>
    </Card>
  );
}

function TimelineCard({ view }: { view: ApplicationView }) {
  const { t, i18n } = useTranslation();
  const download = useDownload();
  return (
    <Card title={<h2 className="card-heading">{t('applications.timeline')}</h2>} data-testid="case-timeline">
      <Timeline
        items={view.timeline.map((event, index) => ({
          key: `${event.at}-${index}`,
          color: timelineColour(event.kind),
          title: formatDateTime(event.at, i18n.language),
          content: (
            <div data-testid={`timeline-${event.kind}`}>
              <Typography.Text strong>{t(`applications.events.${event.kind}`)}</Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {[event.department && departmentName(event.department), event.actorName, t(`applications.actorRoles.${event.actorRole}`)].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
              {event.text && <div style={{ whiteSpace: 'pre-line' }}>{event.text}</div>}
              {event.attachments.map((attachment) => (
                <Button key={attachment.fileId} type="link" size="small" style={{ paddingInline: 0 }} onClick={() => void download(fileContentPath(attachment.fileId), attachment.name)} data-testid={`attachment-${attachment.fileId}`}>
                  {t('applications.attachment', { name: attachment.name })}
                </Button>
              ))}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

function ResultCard({ result }: { result: CaseResult }) {
  const { t, i18n } = useTranslation();
  const download = useDownload();
  return (
    <Card title={<h2 className="card-heading">{t('applications.result.title')}</h2>} data-testid="case-result">
      <Alert
        type={result.outcome === 'rejected' ? 'error' : 'success'}
        showIcon
        style={{ marginBottom: 12 }}
        title={<span data-testid="result-outcome">{t(`applications.result.outcomes.${result.outcome}`)}</span>}
        description={`${t('applications.result.decidedAt')} ${formatDateTime(result.decidedAt, i18n.language)}`}
      />
      <Descriptions
        column={1}
        size="small"
        items={[
          ...(result.opinion ? [{ key: 'opinion', label: t('applications.result.opinion'), children: <span style={{ whiteSpace: 'pre-line' }} data-testid="result-opinion">{result.opinion}</span> }] : []),
          ...(result.remedy ? [{ key: 'remedy', label: t('applications.result.remedy'), children: <span data-testid="result-remedy">{result.remedy}</span> }] : []),
        ]}
      />
      {result.departments.length > 0 && (
        <>
          <h3 className="card-heading" style={{ margin: '12px 0 8px' }}>{t('applications.result.departments')}</h3>
          <Table
            size="small"
            pagination={false}
            rowKey={(row) => `${row.department}-${row.decision}-${row.opinion}`}
            dataSource={result.departments}
            columns={[
              { key: 'department', title: t('applications.result.department'), render: (_, row) => departmentName(row.department) },
              { key: 'decision', title: t('applications.result.decision'), render: (_, row) => t(`applications.result.decisions.${row.decision}`) },
              { key: 'opinion', title: t('applications.result.opinion'), dataIndex: 'opinion' },
            ]}
          />
        </>
      )}
      {result.documents.length > 0 && (
        <>
          <h3 className="card-heading" style={{ margin: '12px 0 8px' }}>{t('applications.result.documents')}</h3>
          <ul className="plain-list">
            {result.documents.map((document) => (
              <li key={document.url}>
                {document.url.startsWith('/api/') ? (
                  <Button type="link" icon={<DownloadOutlined aria-hidden />} onClick={() => void download(document.url, document.name)}>
                    {document.name}
                  </Button>
                ) : (
                  <a href={document.url} target="_blank" rel="noopener noreferrer">
                    {document.name}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

function NoticeHistory({ view, schema }: { view: ApplicationView; schema: FormJsSchema | undefined }) {
  const { t, i18n } = useTranslation();
  const fields = useMemo(() => formFields(schema), [schema]);
  return (
    <Card title={<h2 className="card-heading">{t('applications.notice.history')}</h2>} data-testid="notice-history">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {view.notices.map((notice) => (
          <div key={notice.number}>
            <CorrectionNoticeCard notice={notice} view={view} fields={fields} />
            {notice.answeredAt && <Typography.Text type="secondary">{t('applications.notice.answered', { date: formatDateTime(notice.answeredAt, i18n.language) })}</Typography.Text>}
          </div>
        ))}
      </Space>
    </Card>
  );
}

function FormSummaryCard({ view, schema }: { view: ApplicationView; schema: FormJsSchema | undefined }) {
  const { t } = useTranslation();
  const rows = useMemo(() => summaryRows(formFields(schema), view.formData, { yes: t('applications.yes'), no: t('applications.no') }), [schema, view.formData, t]);
  return (
    <Card title={<h2 className="card-heading">{t('applications.summary')}</h2>} data-testid="form-summary">
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        items={rows.map((row) => ({ key: row.key, label: row.label, children: row.text || <Typography.Text type="secondary">{t('applications.notAnswered')}</Typography.Text> }))}
      />
    </Card>
  );
}

function MaterialsCard({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="card-heading">{t('applications.materials')}</h2>}>
      <MaterialsSection view={view} editable={false} />
    </Card>
  );
}
