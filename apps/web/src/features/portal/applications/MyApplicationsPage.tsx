import { APPLICATION_STATUSES, type ApplicationStatus, type ApplicationSummary } from '@gov/contracts';
import { Card, Checkbox, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { LinkButton } from '../../../shared/ui/LinkButton';
import { useDocumentTitle } from '../../../shared/ui/useDocumentTitle';
import { CitizenLinks } from './CitizenLinks';
import { StatusTag } from './StatusTag';
import { useMyApplications } from './useApplications';
import { formatDate, formatDateTime } from './useDownload';

const PAGE_SIZE = 20;

function statusFrom(value: string | null): ApplicationStatus | undefined {
  return APPLICATION_STATUSES.find((status) => status === value);
}

/** 我的办件: the citizen's applications, drafts included, filterable by status; "rated" narrows to my ratings. */
export function MyApplicationsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = statusFrom(params.get('status'));
  const ratedOnly = params.get('rated') === '1';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = useMyApplications({ status, ...(ratedOnly ? { rated: true } : {}), page, pageSize: PAGE_SIZE });
  const statusLabelId = useId();
  useDocumentTitle(t('applications.myApplications'));

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  const rows = list.data?.items ?? [];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }} data-testid="area-title">
        {t('applications.myApplications')}
      </Typography.Title>
      <CitizenLinks />
      <Card>
        <Space wrap size="large" style={{ marginBottom: 16 }}>
          <span>
            <span id={statusLabelId} className="form-label" style={{ display: 'inline', marginRight: 8 }}>
              {t('applications.filters.status')}
            </span>
            <Select
              aria-labelledby={statusLabelId}
              data-testid="applications-status-filter"
              value={status ?? ''}
              onChange={(value: string) => update({ status: value || undefined, page: undefined })}
              options={[{ value: '', label: t('applications.filters.all') }, ...APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`applications.statuses.${s}`) }))]}
              style={{ minWidth: 200 }}
              popupMatchSelectWidth={false}
            />
          </span>
          <Checkbox checked={ratedOnly} onChange={(event) => update({ rated: event.target.checked ? '1' : undefined })} data-testid="applications-rated-filter">
            {t('applications.filters.rated')}
          </Checkbox>
        </Space>
        {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && list.data.total === 0 && !status ? (
          <Empty description={t('applications.empty')}>
            <LinkButton to="/portal" type="primary">
              {t('applications.findServices')}
            </LinkButton>
          </Empty>
        ) : (
          <Table<ApplicationSummary>
            data-testid="applications-table"
            loading={list.isFetching}
            rowKey="id"
            dataSource={rows}
            onRow={(row) => ({ id: `application-row-${row.id}` })}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: (p) => update({ page: p === 1 ? undefined : String(p) }), showSizeChanger: false }}
            scroll={{ x: true }}
            columns={[
              {
                key: 'item',
                title: t('applications.item'),
                render: (_, row) => (
                  <Link to={`/portal/applications/${row.id}`} data-testid={`application-link-${row.id}`}>
                    {row.itemName}
                  </Link>
                ),
              },
              { key: 'case', title: t('applications.caseNumber'), render: (_, row) => row.caseNumber ?? <Typography.Text type="secondary">{t('applications.noCaseNumber')}</Typography.Text> },
              {
                key: 'status',
                title: t('applications.status'),
                render: (_, row) => (
                  <Space size={4} wrap>
                    <StatusTag status={row.status} testId={`application-status-${row.id}`} />
                    {row.rated && <Tag className="tag-app-done">{t('applications.ratedTag')}</Tag>}
                  </Space>
                ),
              },
              { key: 'agency', title: t('applications.agency'), dataIndex: 'agencyName' },
              { key: 'when', title: t('applications.updatedAt'), render: (_, row) => formatDateTime(row.submittedAt ?? row.updatedAt, i18n.language) },
              { key: 'due', title: t('applications.dueDate'), render: (_, row) => (row.dueDate ? formatDate(row.dueDate, i18n.language) : '—') },
              {
                key: 'actions',
                title: t('applications.actions'),
                render: (_, row) => (
                  <LinkButton to={`/portal/applications/${row.id}`} size="small" type={row.status === 'draft' || row.status === 'correction-requested' ? 'primary' : 'default'} data-testid={`open-${row.id}`}>
                    {row.status === 'draft' || row.status === 'correction-requested' ? t('applications.continueDraft') : t('applications.view')}
                  </LinkButton>
                ),
              },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
