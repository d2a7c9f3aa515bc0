import { diffJson, type FieldChange, type ItemVersion, type ServiceItem } from '@gov/contracts';
import { Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useItemHistory, useItemRevision } from './api/useCatalogueAdmin';

const show = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

function ChangesTable({ changes, testId }: { changes: FieldChange[]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Table<FieldChange>
      size="small"
      data-testid={testId}
      rowKey="path"
      pagination={false}
      dataSource={changes}
      columns={[
        { key: 'path', title: t('catalogueAdmin.field'), render: (_, c) => <code>{c.path}</code> },
        { key: 'before', title: t('catalogueAdmin.before'), render: (_, c) => <span className="diff-before">{show(c.before)}</span> },
        { key: 'after', title: t('catalogueAdmin.after'), render: (_, c) => <span className="diff-after">{show(c.after)}</span> },
      ]}
    />
  );
}

/** Who changed what and when, and a field-by-field diff of any revision against the current content. */
export function ItemHistoryPanel({ code, current }: { code: string; current: ServiceItem }) {
  const { t, i18n } = useTranslation();
  const history = useItemHistory(code);
  const [compare, setCompare] = useState<number | null>(null);
  const revision = useItemRevision(code, compare);
  if (history.isError) return <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />;
  const contentRevisions = [...new Set((history.data?.versions ?? []).filter((v) => ['create', 'edit', 'import', 'seed'].includes(v.action)).map((v) => v.revision))];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Table<ItemVersion>
        data-testid="item-history"
        loading={history.isPending}
        rowKey={(v) => `${v.revision}-${v.action}-${v.at}`}
        dataSource={history.data?.versions ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        expandable={{ expandedRowRender: (v) => <ChangesTable changes={v.changes} />, rowExpandable: (v) => v.changes.length > 0 }}
        columns={[
          { key: 'revision', title: t('catalogueAdmin.revisionCol'), dataIndex: 'revision' },
          { key: 'action', title: t('catalogueAdmin.action'), render: (_, v) => t(`catalogueAdmin.actionNames.${v.action}`) },
          { key: 'actor', title: t('catalogueAdmin.actor'), dataIndex: 'actorName' },
          { key: 'at', title: t('catalogueAdmin.at'), render: (_, v) => new Date(v.at).toLocaleString(i18n.language) },
          { key: 'changes', title: t('catalogueAdmin.changes'), render: (_, v) => v.changes.map((c) => c.path).slice(0, 4).join(', ') + (v.changes.length > 4 ? ' …' : '') },
        ]}
      />
      <div>
        <Typography.Title level={3} style={{ fontSize: 16 }}>
          {t('catalogueAdmin.compare')}
        </Typography.Title>
        <label htmlFor="compare-revision" style={{ display: 'block', marginBottom: 4 }}>
          {t('catalogueAdmin.compareWith')}
        </label>
        <Select
          id="compare-revision"
          data-testid="compare-revision"
          style={{ minWidth: 160 }}
          value={compare ?? undefined}
          onChange={(value: number) => setCompare(value)}
          options={contentRevisions.map((r) => ({ value: r, label: `${t('catalogueAdmin.revisionCol')} ${r}` }))}
        />
        {revision.isError && <ErrorAlert error={revision.error} />}
        {revision.data &&
          (() => {
            const changes = diffJson(revision.data.item, current);
            return changes.length === 0 ? <Typography.Paragraph>{t('catalogueAdmin.noDifference')}</Typography.Paragraph> : <ChangesTable changes={changes} testId="version-diff" />;
          })()}
      </div>
    </Space>
  );
}
