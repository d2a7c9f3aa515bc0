import '../../shared/catalogue/catalogue.css';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { ITEM_STATUSES, type ItemSummary } from '@gov/contracts';
import { Alert, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LinkButton } from '../../shared/ui/LinkButton';
import { useExportCatalogue, useImportCatalogue, useManagedItems } from './api/useCatalogueAdmin';

/** The items the user manages (all for platform admins, their departments' for department admins). */
export function CatalogueAdmin() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const filters = { page: Number(params.get('page') ?? '1') || 1, q: params.get('q') ?? undefined, status: params.get('status') ?? undefined };
  const items = useManagedItems(filters);
  const exporter = useExportCatalogue();
  const importer = useImportCatalogue();
  const fileInput = useRef<HTMLInputElement>(null);
  const [importError, setImportError] = useState<string | null>(null);

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next);
  };

  const download = async () => {
    const data = await exporter.mutateAsync();
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `catalogue-${data.exportedAt.slice(0, 10)}.json`;
    link.click();
    URL.revokeObjectURL(url);
  };

  const upload = async (file: File) => {
    setImportError(null);
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch (error) {
      setImportError(t('catalogueAdmin.invalidJson', { message: error instanceof Error ? error.message : String(error) }));
      return;
    }
    importer.mutate(body);
  };

  return (
    <Card title={<h2 className="card-heading">{t('catalogueAdmin.heading')}</h2>} data-testid="catalogue-admin">
      <Space wrap style={{ marginBottom: 16 }}>
        <LinkButton to="/admin?new=1" type="primary" icon={<PlusOutlined aria-hidden />} data-testid="new-item">
          {t('catalogueAdmin.newItem')}
        </LinkButton>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void download()} loading={exporter.isPending} data-testid="export-catalogue">
          {t('catalogueAdmin.export')}
        </Button>
        <Button icon={<UploadOutlined aria-hidden />} onClick={() => fileInput.current?.click()} loading={importer.isPending} data-testid="import-catalogue">
          {t('catalogueAdmin.import')}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label={t('catalogueAdmin.import')}
          data-testid="import-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void upload(file);
            event.target.value = '';
          }}
        />
      </Space>
      {importError && <Alert type="error" showIcon title={importError} style={{ marginBottom: 16 }} />}
      {importer.isError && <ErrorAlert error={importer.error} />}
      {importer.data && (
        <Alert
          type="success"
          showIcon
          data-testid="import-result"
          style={{ marginBottom: 16 }}
          title={t('catalogueAdmin.importResult', { created: importer.data.created.length, updated: importer.data.updated.length, unchanged: importer.data.unchanged.length })}
        />
      )}
      <form
        role="search"
        className="catalogue-filters"
        onSubmit={(event) => {
          event.preventDefault();
          set('q', q.trim() || undefined);
        }}
      >
        <div className="catalogue-filter">
          <label htmlFor="admin-search">{t('catalogue.searchLabel')}</label>
          <Space.Compact>
            <Input id="admin-search" value={q} onChange={(event) => setQ(event.target.value)} data-testid="admin-search" />
            <Button htmlType="submit" type="primary">
              {t('catalogue.search')}
            </Button>
          </Space.Compact>
        </div>
        <div className="catalogue-filter">
          <label htmlFor="admin-status">{t('catalogueAdmin.status')}</label>
          <Select
            id="admin-status"
            value={filters.status ?? ''}
            style={{ minWidth: 140 }}
            onChange={(value: string) => set('status', value || undefined)}
            options={[{ value: '', label: t('catalogue.any') }, ...ITEM_STATUSES.map((s) => ({ value: s, label: t(`catalogueAdmin.statuses.${s}`) }))]}
          />
        </div>
      </form>
      {items.isError && <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />}
      <Table<ItemSummary>
        rowKey="code"
        loading={items.isFetching}
        dataSource={items.data?.items ?? []}
        data-testid="admin-items"
        pagination={{ current: filters.page, pageSize: 20, total: items.data?.total ?? 0, showSizeChanger: false, onChange: (page) => set('page', String(page)) }}
        columns={[
          { key: 'code', title: t('catalogueAdmin.code'), dataIndex: 'code' },
          { key: 'name', title: t('catalogueAdmin.name'), render: (_, item) => <Link to={`/admin?item=${encodeURIComponent(item.code)}`} data-testid={`edit-${item.code}`}>{item.name}</Link> },
          { key: 'agency', title: t('catalogue.agency'), render: (_, item) => item.agency.name },
          {
            key: 'status',
            title: t('catalogueAdmin.status'),
            render: (_, item) => (
              <Space size={4} wrap>
                <Tag className={`tag-status-${item.status}`}>{t(`catalogueAdmin.statuses.${item.status}`)}</Tag>
                {item.unpublishedChanges && item.status !== 'draft' && <Tag className="tag-warn">{t('catalogueAdmin.unpublished')}</Tag>}
              </Space>
            ),
          },
          { key: 'revision', title: t('catalogueAdmin.revisionCol'), dataIndex: 'revision' },
        ]}
      />
    </Card>
  );
}
