import { type ApplicationView, applicationViewSchema } from '@gov/contracts';
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Empty, Modal, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiClient } from '../../shared/api/ApiClientContext';
import { useCurrentUser } from '../../shared/auth/CurrentUser';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import type { Exchange } from './api/schemas';
import { useExchanges } from './api/useOperations';
import { CaseStatusTag } from './CaseStatusTag';
import { departmentName, formatDateTime } from './operationsFormat';

/** One case of the library in a dialog, read with GET /api/applications/{id} (the server checks the caller's departments again). */
export function CaseDialog({ applicationId, onClose }: { applicationId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApiClient();
  const view = useQuery({
    queryKey: ['case-library', 'case', applicationId],
    queryFn: ({ signal }) => api.get(`/api/applications/${encodeURIComponent(applicationId)}`, applicationViewSchema, { signal }),
  });
  return (
    // A wide dialog rather than a drawer: the same look as the console's other dialogs.
    <Modal open onCancel={onClose} footer={null} width={880} title={view.data?.caseNumber ?? t('caseLibrary.dialog.title')} closable={{ 'aria-label': t('caseLibrary.dialog.close') }}>
      <div data-testid="case-dialog">
        {view.isPending && <Spin />}
        {view.isError && <ErrorAlert error={view.error} onRetry={() => void view.refetch()} />}
        {view.data && <CaseDetails application={view.data} />}
      </div>
    </Modal>
  );
}

function CaseDetails({ application }: { application: ApplicationView }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const time = (iso: string | null) => formatDateTime(iso, i18n.language);
  const readsExchanges = me.roles.some((r) => r === 'admin' || r === 'supervisor' || r === 'dept-admin');
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions column={1} bordered size="small" data-testid="case-dialog-summary">
        <Descriptions.Item label={t('caseLibrary.caseNumber')}>{application.caseNumber}</Descriptions.Item>
        <Descriptions.Item label={t('caseLibrary.status')}><CaseStatusTag status={application.status} testId="case-dialog-status" /></Descriptions.Item>
        <Descriptions.Item label={t('caseLibrary.item')}>{application.itemName}（{application.itemCode}）</Descriptions.Item>
        <Descriptions.Item label={t('caseLibrary.agency')}>{application.agencyName}</Descriptions.Item>
        <Descriptions.Item label={t('caseLibrary.applicant')}>{application.applicant.name} · <span className="ops-mono">{application.applicant.idNumberMasked}</span></Descriptions.Item>
        {application.company && <Descriptions.Item label={t('caseLibrary.company')}>{application.company.name}（{application.company.creditCode}）</Descriptions.Item>}
        <Descriptions.Item label={t('caseLibrary.submitted')}>{time(application.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('caseLibrary.due')}>
          {application.clock?.dueDate ?? '—'}
          {application.clock && ` · ${t(`applications.clock.${application.clock.state}`)}`}
          {application.clock?.overdue && <Tag className="tag-ops-bad" style={{ marginInlineStart: 8 }}>{t('applications.clock.overdue')}</Tag>}
        </Descriptions.Item>
      </Descriptions>

      {application.result && (
        <section data-testid="case-dialog-result">
          <Typography.Title level={3} style={{ fontSize: 16 }}>{t('applications.result.title')}</Typography.Title>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('applications.result.outcome')}>{t(`applications.result.outcomes.${application.result.outcome}`)}</Descriptions.Item>
            <Descriptions.Item label={t('applications.result.decidedAt')}>{time(application.result.decidedAt)}</Descriptions.Item>
            {application.result.opinion && <Descriptions.Item label={t('applications.result.opinion')}>{application.result.opinion}</Descriptions.Item>}
          </Descriptions>
          {application.result.departments.length > 0 && (
            <ul className="plain-list">
              {application.result.departments.map((d) => (
                <li key={`${d.department}-${d.decision}`}>{departmentName(d.department)}：{t(`applications.result.decisions.${d.decision}`)}{d.opinion ? `（${d.opinion}）` : ''}</li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section data-testid="case-dialog-timeline">
        <Typography.Title level={3} style={{ fontSize: 16 }}>{t('applications.timeline')}</Typography.Title>
        <Timeline items={application.timeline.map((event) => ({
          key: `${event.at}-${event.kind}`,
          content: (
            <span>
              {time(event.at)} · {t(`applications.events.${event.kind}`)} · {event.actorName}
              {event.department ? `（${departmentName(event.department)}）` : ''}
              {event.text ? `：${event.text}` : ''}
            </span>
          ),
        }))} />
      </section>

      <section>
        <Typography.Title level={3} style={{ fontSize: 16 }}>{t('caseLibrary.dialog.materials')}</Typography.Title>
        <ul className="plain-list">
          {application.materials.map((m) => (
            <li key={m.materialId}>{m.name}：{m.files.length === 0 ? t('caseLibrary.dialog.noFiles') : m.files.map((f) => f.name).join('、')}</li>
          ))}
        </ul>
      </section>

      {readsExchanges && application.caseNumber && <CaseExchanges caseNumber={application.caseNumber} />}
    </Space>
  );
}

function CaseExchanges({ caseNumber }: { caseNumber: string }) {
  const { t, i18n } = useTranslation();
  const exchanges = useExchanges({ caseNumber, limit: 50 });
  return (
    <section data-testid="case-dialog-exchanges">
      <Typography.Title level={3} style={{ fontSize: 16 }}>{t('caseLibrary.dialog.exchanges')}</Typography.Title>
      {exchanges.isError && <ErrorAlert error={exchanges.error} />}
      {exchanges.data?.items.length === 0 && <Empty description={t('operations.exchanges.empty')} />}
      {exchanges.data && exchanges.data.items.length > 0 && (
        <Table<Exchange>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={exchanges.data.items}
          columns={[
            { key: 'time', title: t('operations.exchanges.time'), render: (_, e) => formatDateTime(e.occurredAt, i18n.language) },
            { key: 'direction', title: t('operations.exchanges.direction'), render: (_, e) => `${t(`operations.exchanges.directions.${e.direction}`)} · ${e.department}` },
            { key: 'status', title: t('operations.exchanges.status'), render: (_, e) => e.status ?? '—' },
            { key: 'outcome', title: t('operations.exchanges.outcome'), render: (_, e) => t(`operations.exchanges.outcomes.${e.outcome}`) },
          ]}
        />
      )}
    </section>
  );
}
