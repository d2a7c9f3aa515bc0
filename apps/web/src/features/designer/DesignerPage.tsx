import './designer.css';
import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AreaPage } from '../../shared/ui/AreaPage';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useDesignerItems } from './api/useDesigner';

/** Process designers' area: the catalogue items whose processes the user may design. */
export function DesignerPage() {
  const { t } = useTranslation();
  const items = useDesignerItems();
  return (
    <AreaPage area="designer">
      <Card title={<h2 className="card-heading">{t('designer.items')}</h2>}>
        {items.error && <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />}
        <Table
          rowKey="code"
          loading={items.isLoading}
          dataSource={items.data ?? []}
          pagination={false}
          data-testid="designer-items"
          columns={[
            { title: t('designer.code'), dataIndex: 'code' },
            {
              title: t('designer.name'), dataIndex: 'name',
              render: (name: string, row) => (row.bpmnProcessId ? <Link to={`/designer/items/${encodeURIComponent(row.code)}`}>{name}</Link> : name),
            },
            { title: t('designer.agency'), dataIndex: 'agencyName' },
            { title: t('designer.processId'), dataIndex: 'bpmnProcessId', render: (id: string | null) => id ?? t('designer.noProcess') },
            { title: t('designer.draft'), dataIndex: 'draftRevision', render: (r: number | null) => (r === null ? '—' : t('designer.revisionN', { revision: r })) },
            { title: t('designer.deployed'), dataIndex: 'deployedVersion', render: (v: number | null) => (v === null ? '—' : <Tag className="tag-designer-ok">{t('designer.versionN', { version: v })}</Tag>) },
          ]}
        />
      </Card>
    </AreaPage>
  );
}
