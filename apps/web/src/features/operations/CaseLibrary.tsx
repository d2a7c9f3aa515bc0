import './operations.css';
import { DownloadOutlined } from '@ant-design/icons';
import { DEPARTMENTS } from '@gov/contracts';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../shared/auth/CurrentUser';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { CASE_STATUSES, type CaseRow } from './api/schemas';
import { CASE_PAGE_SIZE, type CaseFilters, useCaseLibrary } from './api/useOperations';
import { CaseDialog } from './CaseDialog';
import { CaseStatusTag } from './CaseStatusTag';
import { formatDateTime, queryString } from './operationsFormat';
import { useSaveBlob } from '../../shared/api/saveBlob';

const EMPTY: CaseFilters = {};

/**
 * 办件库 (R19): every case the user may see (supervisors and admins all, department staff their
 * departments'), searched by case number, the applicant's ID number, item, department, status and
 * submission dates, exported as CSV. Filters stay in the page (never in the URL: ID numbers are personal data).
 */
export function CaseLibrary() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const [draft, setDraft] = useState<CaseFilters>(EMPTY);
  const [filters, setFilters] = useState<CaseFilters>(EMPTY);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const [exportError, setExportError] = useState<Error | null>(null);
  const [exporting, setExporting] = useState(false);
  const cases = useCaseLibrary(filters, page);
  const saveBlob = useSaveBlob();
  const seesAll = me.roles.includes('admin') || me.roles.includes('supervisor');
  const departmentOptions = seesAll
    ? [...new Map([...DEPARTMENTS.map((d) => [d.path, `沈阳市${d.name}`] as const), ...me.departments.map((d) => [d.path, d.name] as const)]).entries()]
    : me.departments.map((d) => [d.path, d.name] as const);
  const set = (key: keyof CaseFilters, value: string) => setDraft((current) => ({ ...current, [key]: value.trim() === '' ? undefined : value }));

  const exportCsv = async () => {
    setExportError(null);
    setExporting(true);
    try {
      await saveBlob(`/api/cases/export.csv${queryString({ ...filters })}`, `cases-${new Date().toISOString().slice(0, 10)}.csv`);
    } catch (error) {
      setExportError(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card title={<h2 className="card-heading">{t('caseLibrary.heading')}</h2>} data-testid="case-library">
      <Typography.Paragraph type="secondary">{seesAll ? t('caseLibrary.introAll') : t('caseLibrary.introDepartments')}</Typography.Paragraph>
      <form
        role="search"
        className="ops-filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters(draft);
          setPage(1);
        }}
      >
        <div className="ops-filter">
          <label htmlFor="cases-case-number">{t('caseLibrary.caseNumber')}</label>
          <Input id="cases-case-number" value={draft.caseNumber ?? ''} onChange={(e) => set('caseNumber', e.target.value)} data-testid="cases-filter-case-number" />
        </div>
        <div className="ops-filter">
          <label htmlFor="cases-id-number">{t('caseLibrary.idNumber')}</label>
          <Input id="cases-id-number" value={draft.idNumber ?? ''} onChange={(e) => set('idNumber', e.target.value)} maxLength={18} autoComplete="off"
            aria-describedby="cases-id-number-help" data-testid="cases-filter-id-number" />
          <Typography.Text type="secondary" id="cases-id-number-help">{t('caseLibrary.idNumberHelp')}</Typography.Text>
        </div>
        <div className="ops-filter">
          <label htmlFor="cases-item-code">{t('caseLibrary.itemCode')}</label>
          <Input id="cases-item-code" value={draft.itemCode ?? ''} onChange={(e) => set('itemCode', e.target.value)} data-testid="cases-filter-item-code" />
        </div>
        <div className="ops-filter">
          <label htmlFor="cases-department">{t('caseLibrary.department')}</label>
          <Select id="cases-department" style={{ minWidth: 200 }} value={draft.department ?? ''} onChange={(value: string) => set('department', value)} data-testid="cases-filter-department"
            options={[{ value: '', label: t('operations.departmentAny') }, ...departmentOptions.map(([path, name]) => ({ value: path, label: name }))]} />
        </div>
        <div className="ops-filter">
          <label htmlFor="cases-status">{t('caseLibrary.status')}</label>
          <Select id="cases-status" style={{ minWidth: 180 }} value={draft.status ?? ''} onChange={(value: string) => set('status', value)} data-testid="cases-filter-status"
            options={[{ value: '', label: t('operations.any') }, ...CASE_STATUSES.map((s) => ({ value: s, label: t(`applications.statuses.${s}`) }))]} />
        </div>
        <div className="ops-filter">
          <label htmlFor="cases-from">{t('caseLibrary.submittedFrom')}</label>
          <Input id="cases-from" type="date" value={draft.submittedFrom ?? ''} onChange={(e) => set('submittedFrom', e.target.value)} data-testid="cases-filter-from" />
        </div>
        <div className="ops-filter">
          <label htmlFor="cases-to">{t('caseLibrary.submittedTo')}</label>
          <Input id="cases-to" type="date" value={draft.submittedTo ?? ''} onChange={(e) => set('submittedTo', e.target.value)} data-testid="cases-filter-to" />
        </div>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="cases-search">{t('operations.search')}</Button>
          <Button onClick={() => { setDraft(EMPTY); setFilters(EMPTY); setPage(1); }} data-testid="cases-reset">{t('caseLibrary.reset')}</Button>
          <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportCsv()} loading={exporting} data-testid="cases-export">{t('caseLibrary.export')}</Button>
        </Space>
      </form>
      {exportError && <ErrorAlert error={exportError} />}
      {cases.isError && <ErrorAlert error={cases.error} onRetry={() => void cases.refetch()} />}
      <Typography.Paragraph data-testid="cases-total" aria-live="polite">{cases.data ? t('caseLibrary.total', { count: cases.data.total }) : ''}</Typography.Paragraph>
      <Table<CaseRow>
        rowKey="id"
        data-testid="cases-table"
        loading={cases.isFetching}
        dataSource={cases.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('caseLibrary.empty') }}
        onRow={(row) => ({ id: `case-row-${row.id}` })}
        pagination={{ current: page, pageSize: CASE_PAGE_SIZE, total: cases.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          {
            key: 'caseNumber',
            title: t('caseLibrary.caseNumber'),
            render: (_, row) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(row.id)} data-testid={`case-open-${row.id}`}>
                {row.caseNumber}
              </Button>
            ),
          },
          {
            key: 'item',
            title: t('caseLibrary.item'),
            render: (_, row) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text>{row.itemName}</Typography.Text>
                <Typography.Text type="secondary" className="ops-mono">{row.itemCode}</Typography.Text>
              </Space>
            ),
          },
          { key: 'agency', title: t('caseLibrary.agency'), dataIndex: 'agencyName' },
          {
            key: 'applicant',
            title: t('caseLibrary.applicant'),
            render: (_, row) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text>{row.applicantName}</Typography.Text>
                <Typography.Text type="secondary" className="ops-mono">{row.applicantIdNumberMasked}</Typography.Text>
                {row.company && <Typography.Text type="secondary">{row.company.name}</Typography.Text>}
              </Space>
            ),
          },
          { key: 'status', title: t('caseLibrary.status'), render: (_, row) => <CaseStatusTag status={row.status} testId={`case-status-${row.id}`} /> },
          { key: 'submitted', title: t('caseLibrary.submitted'), render: (_, row) => formatDateTime(row.submittedAt, i18n.language) },
          { key: 'decided', title: t('caseLibrary.decided'), render: (_, row) => formatDateTime(row.decidedAt, i18n.language) },
          { key: 'due', title: t('caseLibrary.due'), render: (_, row) => row.dueDate ?? '—' },
        ]}
      />
      {open && <CaseDialog applicationId={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
