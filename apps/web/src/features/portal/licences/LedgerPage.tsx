import type { DataUse } from '@gov/contracts';
import { Card, Empty, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useDocumentTitle } from '../../../shared/ui/useDocumentTitle';
import { CitizenLinks } from '../applications/CitizenLinks';
import { formatDateTime } from '../applications/useDownload';
import { useLedger } from './useLicences';

/** 数据使用记录 (R23): which department used which licence, for which case, on what basis, when. */
export function LedgerPage() {
  const { t, i18n } = useTranslation();
  const ledger = useLedger();
  useDocumentTitle(t('licences.ledger.title'));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }} data-testid="area-title">
        {t('licences.ledger.title')}
      </Typography.Title>
      <CitizenLinks />
      <Card>
        <Typography.Paragraph>{t('licences.ledger.intro')}</Typography.Paragraph>
        {ledger.isError && <ErrorAlert error={ledger.error} onRetry={() => void ledger.refetch()} />}
        {ledger.data && ledger.data.length === 0 ? (
          <Empty description={t('licences.ledger.empty')} />
        ) : (
          <Table<DataUse>
            data-testid="ledger"
            loading={ledger.isPending}
            rowKey="id"
            dataSource={ledger.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: true }}
            columns={[
              { key: 'at', title: t('licences.ledger.at'), render: (_, use) => formatDateTime(use.at, i18n.language) },
              { key: 'department', title: t('licences.ledger.department'), dataIndex: 'department' },
              {
                key: 'licence',
                title: t('licences.ledger.licence'),
                render: (_, use) => [use.licenceNo ? `${use.typeName ?? ''} ${use.licenceNo}` : null, use.material].filter(Boolean).join(' · ') || t('licences.ledger.nothingFound'),
              },
              { key: 'case', title: t('licences.ledger.case'), render: (_, use) => use.caseNumber ?? '—' },
              { key: 'basis', title: t('licences.ledger.basis'), render: (_, use) => `${t(`licences.basis.${use.basis}`)}：${use.basisDetail}` },
              { key: 'purpose', title: t('licences.ledger.purpose'), dataIndex: 'purpose' },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
