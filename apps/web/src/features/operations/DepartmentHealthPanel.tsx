import { ReloadOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import type { BreakerState, DepartmentHealth } from './api/schemas';
import { useDepartmentHealth } from './api/useOperations';
import { formatDateTime, formatPercent } from './operationsFormat';

const BREAKER_TONE: Record<BreakerState, string> = { closed: 'tag-ops-ok', 'half-open': 'tag-ops-warn', open: 'tag-ops-bad' };

export function BreakerTag({ state, testId }: { state: BreakerState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag className={BREAKER_TONE[state]} data-testid={testId} data-state={state}>
      {t(`operations.health.breakerStates.${state}`)}
    </Tag>
  );
}

/** Per department system: calls of the last 24 hours, success rate, latency, and the circuit breaker over all workers. */
export function DepartmentHealthPanel() {
  const { t, i18n } = useTranslation();
  const health = useDepartmentHealth();
  const time = (iso: string | null) => formatDateTime(iso, i18n.language);
  return (
    <div data-testid="health">
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text type="secondary">{t('operations.health.intro')}</Typography.Text>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void health.refetch()} loading={health.isFetching} data-testid="health-refresh">
          {t('operations.refresh')}
        </Button>
      </Space>
      {health.isError && <ErrorAlert error={health.error} onRetry={() => void health.refetch()} />}
      <Table<DepartmentHealth>
        rowKey="department"
        data-testid="health-table"
        loading={health.isPending}
        dataSource={health.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('operations.health.empty') }}
        onRow={(row) => ({ id: `health-${row.department}` })}
        expandable={{
          columnTitle: <span className="ops-sr-only">{t('operations.health.transitions')}</span>,
          rowExpandable: (row) => row.breaker.transitions.length > 0,
          expandedRowRender: (row) => (
            <div data-testid={`breaker-transitions-${row.department}`}>
              <Typography.Text strong>{t('operations.health.transitions')}</Typography.Text>
              <ul className="plain-list">
                {row.breaker.transitions.map((transition) => (
                  <li key={`${transition.at}-${transition.worker}-${transition.state}`}>
                    {time(transition.at)} · <BreakerTag state={transition.state} /> · {t('operations.health.worker')} <span className="ops-mono">{transition.worker}</span>
                    {transition.retryAt ? ` · ${t('operations.health.retryAt', { time: time(transition.retryAt) })}` : ''}
                  </li>
                ))}
              </ul>
            </div>
          ),
        }}
        columns={[
          {
            key: 'department',
            title: t('operations.health.department'),
            render: (_, row) => (
              <Space orientation="vertical" size={2} data-testid={`health-${row.department}`}>
                <Typography.Text strong>{row.name ?? row.department}</Typography.Text>
                {!row.connected && <Tag className="tag-ops-neutral">{t('operations.health.notConnected')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'breaker',
            title: t('operations.health.breaker'),
            render: (_, row) => (
              <Space orientation="vertical" size={2}>
                <BreakerTag state={row.breaker.state} testId={`breaker-${row.department}`} />
                {row.breaker.since && row.breaker.state !== 'closed' && <Typography.Text type="secondary">{t('operations.health.since', { time: time(row.breaker.since) })}</Typography.Text>}
                {row.breaker.retryAt && <Typography.Text type="secondary">{t('operations.health.retryAt', { time: time(row.breaker.retryAt) })}</Typography.Text>}
                {row.breaker.workers.length > 1 && <Typography.Text type="secondary">{t('operations.health.workers', { count: row.breaker.workers.length })}</Typography.Text>}
              </Space>
            ),
          },
          { key: 'calls', title: t('operations.health.calls'), render: (_, row) => <span data-testid={`health-calls-${row.department}`}>{row.calls}</span> },
          { key: 'rate', title: t('operations.health.successRate'), render: (_, row) => <span data-testid={`health-rate-${row.department}`}>{formatPercent(row.successRate)}</span> },
          { key: 'failures', title: t('operations.health.failures'), render: (_, row) => `${row.failures} / ${row.rejected}` },
          { key: 'latency', title: t('operations.health.averageMs'), render: (_, row) => (row.averageMs === null ? '—' : `${row.averageMs} ms`) },
          { key: 'lastFailure', title: t('operations.health.lastFailure'), render: (_, row) => time(row.lastFailureAt) },
          { key: 'lastCall', title: t('operations.health.lastCall'), render: (_, row) => time(row.lastCallAt) },
        ]}
      />
    </div>
  );
}
