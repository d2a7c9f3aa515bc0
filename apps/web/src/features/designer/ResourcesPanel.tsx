import { designResourceIdSchema, type DesignResourceKind, type DesignResourceSummary } from '@gov/contracts';
import { Button, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useDesignResources } from './api/useDesigner';
import { DecisionEditorPanel } from './DecisionEditorPanel';
import { FormEditorPanel } from './FormEditorPanel';

const AVAILABILITY_CLASS = { deployed: 'tag-designer-ok', file: 'tag-designer-ok', 'draft-only': 'tag-designer-warn', missing: 'tag-designer-bad' } as const;

/**
 * The item's forms (kind form) or decisions (kind decision): the application form / eligibility rules from
 * the catalogue and those the process links to, with where each is served from; one is edited below.
 */
export function ResourcesPanel({ code, kind }: { code: string; kind: DesignResourceKind }) {
  const { t } = useTranslation();
  const resources = useDesignResources(code);
  const [selected, setSelected] = useState<string | null>(null);
  const [newId, setNewId] = useState('');
  const [idError, setIdError] = useState<string | null>(null);
  const rows = (resources.data ?? []).filter((r) => r.kind === kind);

  const create = () => {
    if (!designResourceIdSchema.safeParse(newId).success) {
      setIdError(t('designer.badResourceId'));
      return;
    }
    setIdError(null);
    setSelected(newId);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {resources.error && <ErrorAlert error={resources.error} onRetry={() => void resources.refetch()} />}
      <Table rowKey="id" size="small" pagination={false} dataSource={rows} data-testid={`${kind}-resources`} columns={[
        { title: kind === 'form' ? t('designer.formId') : t('designer.decisionId'), dataIndex: 'id' },
        { title: t('designer.linkedAs'), dataIndex: 'roles', render: (roles: DesignResourceSummary['roles'], row) => (
          <>{roles.map((r) => <Tag key={r}>{t(`designer.role.${r}`)}</Tag>)}{row.linkedFrom.join(', ')}</>
        ) },
        { title: t('designer.served'), dataIndex: 'available', render: (a: DesignResourceSummary['available']) => <Tag className={AVAILABILITY_CLASS[a]}>{t(`designer.availability.${a}`)}</Tag> },
        { title: t('designer.draft'), dataIndex: 'draftRevision', render: (r: number | null) => (r === null ? '—' : t('designer.revisionN', { revision: r })) },
        { title: '', key: 'edit', render: (_: unknown, row) => <Button size="small" onClick={() => setSelected(row.id)} aria-label={`${t('designer.edit')} ${row.id}`}>{t('designer.edit')}</Button> },
      ]} />
      <Space wrap>
        <Input
          value={newId} onChange={(e) => setNewId(e.target.value)} style={{ width: 280 }} status={idError ? 'error' : undefined}
          aria-label={kind === 'form' ? t('designer.newFormId') : t('designer.newDecisionId')} placeholder={kind === 'form' ? t('designer.newFormId') : t('designer.newDecisionId')}
        />
        <Button onClick={create}>{kind === 'form' ? t('designer.newForm') : t('designer.newDecision')}</Button>
        {idError && <Typography.Text type="danger" role="alert">{idError}</Typography.Text>}
      </Space>
      {selected && (kind === 'form'
        ? <FormEditorPanel key={selected} code={code} formId={selected} />
        : <DecisionEditorPanel key={selected} code={code} decisionId={selected} />)}
    </Space>
  );
}
