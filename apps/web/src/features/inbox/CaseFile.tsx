import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import type { ApplicationMaterial, ApplicationView, CorrectionNotice, CorrectionProblem, MaterialFile } from '@gov/contracts';
import { Alert, Button, Card, Descriptions, Empty, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { type CaseField, caseFormRows } from './caseForm';
import { FilePreview, previewable, useSaveFile } from './FilePreview';
import { departmentLabel, departmentOpinions, formatDate, formatDateTime } from './inboxModel';
import { ELicenceMark } from '../../shared/ui/ELicenceMark';
import { timelineColour } from '../../shared/ui/timeline';

/**
 * 办件卷宗: what the approver decides on. The application read-only, the materials with preview,
 * earlier correction notices, other departments' opinions and the whole history.
 */
export function CaseFile({ view, fields, formState, ownDepartments }: {
  view: ApplicationView;
  fields: readonly CaseField[];
  /** Whether the item's form (labels) could be read. */
  formState: 'loading' | 'ready' | 'failed';
  /** The task's departments: their opinions are marked as this department's. */
  ownDepartments: readonly string[];
}) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="case-file">
      <FormCard view={view} fields={fields} formState={formState} />
      <Card title={<h2 className="card-heading">{t('inbox.caseFile.materials')}</h2>} data-testid="case-file-materials">
        <Materials materials={view.materials} />
      </Card>
      {view.notices.length > 0 && <NoticesCard view={view} fields={fields} />}
      <OpinionsCard view={view} ownDepartments={ownDepartments} />
      <HistoryCard view={view} />
    </Space>
  );
}

function FormCard({ view, fields, formState }: { view: ApplicationView; fields: readonly CaseField[]; formState: 'loading' | 'ready' | 'failed' }) {
  const { t, i18n } = useTranslation();
  const rows = useMemo(() => caseFormRows(fields, view.formData, { yes: t('applications.yes'), no: t('applications.no') }), [fields, view.formData, t]);
  return (
    <Card title={<h2 className="card-heading">{t('inbox.caseFile.form')}</h2>} data-testid="case-file-form">
      <Descriptions
        column={1}
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          { key: 'applicant', label: t('inbox.caseFile.applicant'), children: `${view.applicant.name}（${view.applicant.idNumberMasked}）` },
          ...(view.company ? [{ key: 'company', label: t('caseLibrary.company'), children: `${view.company.name}（${view.company.creditCode}）` }] : []),
          { key: 'status', label: t('inbox.caseFile.status'), children: <span data-testid="case-file-status">{t(`applications.statuses.${view.status}`)}</span> },
          { key: 'submitted', label: t('inbox.caseFile.submitted'), children: formatDateTime(view.submittedAt, i18n.language) },
        ]}
      />
      {formState === 'loading' && <Spin aria-label={t('inbox.caseFile.formLoading')} />}
      {formState === 'failed' && <Alert type="info" showIcon title={t('inbox.caseFile.noForm')} style={{ marginBottom: 12 }} />}
      {formState !== 'loading' && (
        <Descriptions
          bordered
          column={1}
          size="small"
          items={rows.map((row) => ({
            key: row.key,
            label: row.label,
            children: (
              <span id={`case-field-${row.key}`} data-testid={`case-field-${row.key}`} style={{ whiteSpace: 'pre-line' }}>
                {row.text || <Typography.Text type="secondary">{t('inbox.caseFile.notAnswered')}</Typography.Text>}
              </span>
            ),
          }))}
        />
      )}
    </Card>
  );
}

function Materials({ materials }: { materials: readonly ApplicationMaterial[] }) {
  const { t } = useTranslation();
  const [previewing, setPreviewing] = useState<MaterialFile | null>(null);
  const [saveError, setSaveError] = useState<Error | null>(null);
  const save = useSaveFile();
  const download = (file: MaterialFile) => {
    setSaveError(null);
    save(file).catch((error: unknown) => setSaveError(error instanceof Error ? error : new Error(String(error))));
  };
  return (
    <>
      {saveError && <ErrorAlert error={saveError} />}
      <ul className="plain-list" style={{ gap: 12 }}>
        {materials.map((material) => (
          <li key={material.materialId} data-testid={`case-material-${material.materialId}`} style={{ display: 'block' }}>
            <Space wrap size={[8, 4]}>
              <Typography.Text strong>{material.name}</Typography.Text>
              <Tag className={material.requirement === 'mandatory' ? 'tag-inbox-pre-review' : 'tag-inbox-closed'}>
                {material.requirement === 'mandatory' ? t('applications.mandatory') : t('applications.conditional', { condition: material.condition ?? '' })}
              </Tag>
            </Space>
            {material.files.length === 0 ? (
              <Typography.Text type="secondary" style={{ display: 'block' }}>{t('inbox.caseFile.noFiles')}</Typography.Text>
            ) : (
              <ul className="plain-list" style={{ marginTop: 4 }}>
                {material.files.map((file) => (
                  <li key={file.id} data-testid={`case-file-${file.id}`}>
                    <span>{file.name}</span>
                    <Typography.Text type="secondary">{formatSize(file.size)}</Typography.Text>
                    {file.eLicence && <ELicenceMark licence={file.eLicence} />}
                    {previewable(file) && (
                      <Button size="small" icon={<EyeOutlined aria-hidden />} onClick={() => setPreviewing(file)} aria-label={t('inbox.caseFile.preview', { name: file.name })} data-testid={`preview-${file.id}`}>
                        {t('inbox.caseFile.previewShort')}
                      </Button>
                    )}
                    <Button size="small" icon={<DownloadOutlined aria-hidden />} onClick={() => download(file)} aria-label={t('inbox.caseFile.download', { name: file.name })} data-testid={`download-${file.id}`}>
                      {t('inbox.caseFile.downloadShort')}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {previewing && <FilePreview file={previewing} onClose={() => setPreviewing(null)} />}
    </>
  );
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** What a correction problem concerns, in the approver's words. */
export function useTargetName(view: Pick<ApplicationView, 'materials'>, fields: readonly CaseField[]) {
  const { t } = useTranslation();
  return (target: CorrectionProblem['target']): string => {
    switch (target.kind) {
      case 'field':
        return t('applications.notice.field', { label: fields.find((field) => field.key === target.key)?.label ?? target.key });
      case 'material':
        return t('applications.notice.material', { name: view.materials.find((m) => m.materialId === target.materialId)?.name ?? target.materialId });
      case 'other':
        return t('applications.notice.other');
    }
  };
}

function NoticesCard({ view, fields }: { view: ApplicationView; fields: readonly CaseField[] }) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="card-heading">{t('inbox.caseFile.notices')}</h2>} data-testid="case-file-notices">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {view.notices.map((notice) => (
          <NoticeItem key={notice.number} notice={notice} view={view} fields={fields} />
        ))}
      </Space>
    </Card>
  );
}

function NoticeItem({ notice, view, fields }: { notice: CorrectionNotice; view: ApplicationView; fields: readonly CaseField[] }) {
  const { t, i18n } = useTranslation();
  const targetName = useTargetName(view, fields);
  return (
    <section data-testid={`case-notice-${notice.number}`} aria-label={t('inbox.caseFile.notice', { number: notice.number, department: departmentLabel(notice.department), date: formatDate(notice.issuedAt, i18n.language) })}>
      <Typography.Text strong>
        {t('inbox.caseFile.notice', { number: notice.number, department: departmentLabel(notice.department), date: formatDateTime(notice.issuedAt, i18n.language) })}
      </Typography.Text>
      <Typography.Text type="secondary"> · {notice.issuedBy}</Typography.Text>
      <ol className="inbox-notice-problems">
        {notice.problems.map((problem, index) => (
          <li key={`${problem.target.kind}-${index}`}>
            <Typography.Text strong>{targetName(problem.target)}</Typography.Text>：{problem.reason}
            {problem.rule && <Typography.Text type="secondary">（{t('applications.notice.rule')}{problem.rule}）</Typography.Text>}
            {problem.defect && <Tag className="tag-inbox-closed" style={{ marginInlineStart: 8 }}>{t('inbox.caseFile.defect')}</Tag>}
          </li>
        ))}
      </ol>
      <Typography.Text type={notice.answeredAt ? 'secondary' : undefined}>
        {notice.answeredAt ? t('inbox.caseFile.noticeAnswered', { date: formatDateTime(notice.answeredAt, i18n.language) }) : t('inbox.caseFile.noticeOpen')}
      </Typography.Text>
    </section>
  );
}

function OpinionsCard({ view, ownDepartments }: { view: ApplicationView; ownDepartments: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const saveFile = useSaveFile();
  const opinions = departmentOpinions(view.timeline);
  return (
    <Card title={<h2 className="card-heading">{t('inbox.caseFile.opinions')}</h2>} data-testid="case-file-opinions">
      {opinions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.caseFile.noOpinions')} />
      ) : (
        <ul className="plain-list" style={{ gap: 12 }}>
          {opinions.map((event, index) => (
            <li key={`${event.at}-${index}`} style={{ display: 'block' }} data-testid={`case-opinion-${index}`}>
              <Space wrap size={[8, 0]}>
                <Typography.Text strong>{event.department ? departmentLabel(event.department) : ''}</Typography.Text>
                {event.department && ownDepartments.includes(event.department) && <Tag className="tag-inbox-closed">{t('inbox.caseFile.thisDepartment')}</Tag>}
                <span>{t(`applications.events.${event.kind}`)}</span>
                <Typography.Text type="secondary">
                  {event.actorName} · {formatDateTime(event.at, i18n.language)}
                </Typography.Text>
              </Space>
              <div style={{ whiteSpace: 'pre-line' }}>{event.text}</div>
              {event.attachments.map((attachment) => (
                <Button key={attachment.fileId} type="link" size="small" style={{ paddingInline: 0 }} onClick={() => void saveFile({ id: attachment.fileId, name: attachment.name, mediaType: 'application/pdf', size: 0, sha256: '', uploadedAt: event.at })} data-testid={`opinion-attachment-${attachment.fileId}`}>
                  {t('applications.attachment', { name: attachment.name })}
                </Button>
              ))}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function HistoryCard({ view }: { view: ApplicationView }) {
  const { t, i18n } = useTranslation();
  return (
    <Card title={<h2 className="card-heading">{t('inbox.caseFile.timeline')}</h2>} data-testid="case-file-timeline">
      <Timeline
        items={view.timeline.map((event, index) => ({
          key: `${event.at}-${index}`,
          color: timelineColour(event.kind),
          title: formatDateTime(event.at, i18n.language),
          content: (
            <div data-testid={`case-event-${event.kind}`}>
              <Typography.Text strong>{t(`applications.events.${event.kind}`)}</Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {[event.department && departmentLabel(event.department), event.actorName, t(`applications.actorRoles.${event.actorRole}`)].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
              {event.text && <div style={{ whiteSpace: 'pre-line' }}>{event.text}</div>}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
