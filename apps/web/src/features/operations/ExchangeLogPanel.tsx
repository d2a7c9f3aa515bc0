import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { EXCHANGE_OUTCOMES, type Exchange } from './api/schemas';
import { type ExchangeFilters, useExchanges } from './api/useOperations';
import { formatDateTime, shortHash } from './operationsFormat';

const OUTCOME_TONE: Record<Exchange['outcome'], string> = { success: 'tag-ops-ok', failure: 'tag-ops-bad', rejected: 'tag-ops-warn', duplicate: 'tag-ops-neutral' };

/** Every call to a department system and every callback from one: status, timing, payload hash; the payload on demand. */
export function ExchangeLogPanel({ departments }: { departments: readonly { code: string; name: string }[] }) {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<ExchangeFilters>({ limit: 50 });
  const [caseNumber, setCaseNumber] = useState('');
  const exchanges = useExchanges(filters);
  const nameOf = (code: string) => departments.find((d) => d.code === code)?.name ?? code;
  return (
    <div data-testid="exchanges">
      <Typography.Paragraph type="secondary">{t('operations.exchanges.intro')}</Typography.Paragraph>
      <form
        role="search"
        className="ops-filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters({ ...filters, caseNumber: caseNumber.trim() || undefined });
        }}
      >
        <div className="ops-filter">
          <label htmlFor="exchange-department">{t('operations.exchanges.department')}</label>
          <Select
            id="exchange-department"
            style={{ minWidth: 200 }}
            value={filters.department ?? ''}
            onChange={(value: string) => setFilters({ ...filters, department: value || undefined })}
            options={[{ value: '', label: t('operations.departmentAny') }, ...departments.map((d) => ({ value: d.code, label: d.name }))]}
            data-testid="exchange-filter-department"
          />
        </div>
        <div className="ops-filter">
          <label htmlFor="exchange-outcome">{t('operations.exchanges.outcome')}</label>
          <Select
            id="exchange-outcome"
            style={{ minWidth: 140 }}
            value={filters.outcome ?? ''}
            onChange={(value: string) => setFilters({ ...filters, outcome: value || undefined })}
            options={[{ value: '', label: t('operations.any') }, ...EXCHANGE_OUTCOMES.map((o) => ({ value: o, label: t(`operations.exchanges.outcomes.${o}`) }))]}
            data-testid="exchange-filter-outcome"
          />
        </div>
        <div className="ops-filter">
          <label htmlFor="exchange-case">{t('operations.exchanges.caseNumber')}</label>
          <Space.Compact>
            <Input id="exchange-case" value={caseNumber} onChange={(event) => setCaseNumber(event.target.value)} data-testid="exchange-filter-case" />
            <Button htmlType="submit" type="primary" data-testid="exchange-search">{t('operations.search')}</Button>
          </Space.Compact>
        </div>
        <div className="ops-filter">
          <label htmlFor="exchange-limit">{t('operations.exchanges.limit')}</label>
          <Select
            id="exchange-limit"
            style={{ minWidth: 100 }}
            value={filters.limit}
            onChange={(value: number) => setFilters({ ...filters, limit: value })}
            options={[20, 50, 100, 200].map((n) => ({ value: n, label: String(n) }))}
          />
        </div>
      </form>
      {exchanges.isError && <ErrorAlert error={exchanges.error} onRetry={() => void exchanges.refetch()} />}
      <Table<Exchange>
        rowKey="id"
        data-testid="exchanges-table"
        loading={exchanges.isFetching}
        dataSource={exchanges.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        size="small"
        locale={{ emptyText: t('operations.exchanges.empty') }}
        onRow={(exchange) => ({ id: `exchange-${exchange.id}` })}
        expandable={{
          columnTitle: <span className="ops-sr-only">{t('operations.exchanges.payload')}</span>,
          expandedRowRender: (exchange) => (
            <Space orientation="vertical" style={{ width: '100%' }} data-testid={`exchange-payload-${exchange.id}`}>
              {exchange.error && <Typography.Text type="danger">{t('operations.exchanges.error')}：{exchange.error}</Typography.Text>}
              <Typography.Text className="ops-mono">{t('operations.exchanges.payloadHash')}：{exchange.payloadHash ?? '—'}</Typography.Text>
              {exchange.eventId && <Typography.Text className="ops-mono">{t('operations.exchanges.eventId')}：{exchange.eventId}</Typography.Text>}
              {exchange.payload === null || exchange.payload === undefined
                ? <Typography.Text type="secondary">{t('operations.exchanges.noPayload')}</Typography.Text>
                : <pre className="ops-json">{JSON.stringify(exchange.payload, null, 2)}</pre>}
            </Space>
          ),
        }}
        columns={[
          { key: 'time', title: t('operations.exchanges.time'), render: (_, e) => formatDateTime(e.occurredAt, i18n.language) },
          { key: 'department', title: t('operations.exchanges.department'), render: (_, e) => nameOf(e.department) },
          { key: 'direction', title: t('operations.exchanges.direction'), render: (_, e) => t(`operations.exchanges.directions.${e.direction}`) },
          { key: 'request', title: t('operations.exchanges.request'), render: (_, e) => <span className="ops-mono">{e.method} {e.path}</span> },
          { key: 'case', title: t('operations.exchanges.caseNumber'), render: (_, e) => e.caseNumber ?? '—' },
          { key: 'status', title: t('operations.exchanges.status'), render: (_, e) => e.status ?? '—' },
          {
            key: 'outcome',
            title: t('operations.exchanges.outcome'),
            render: (_, e) => <Tag className={OUTCOME_TONE[e.outcome]} data-testid={`exchange-outcome-${e.id}`}>{t(`operations.exchanges.outcomes.${e.outcome}`)}</Tag>,
          },
          { key: 'duration', title: t('operations.exchanges.duration'), render: (_, e) => `${e.durationMs} ms` },
          { key: 'hash', title: t('operations.exchanges.payloadHash'), render: (_, e) => <span className="ops-mono" title={e.payloadHash ?? undefined}>{shortHash(e.payloadHash)}</span> },
        ]}
      />
    </div>
  );
}
