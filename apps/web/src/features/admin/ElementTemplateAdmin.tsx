import { type ElementTemplateView, elementTemplateViewSchema } from '@gov/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useApiClient } from '../../shared/api/ApiClientContext';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';

const PATH = '/api/designer/element-templates';
const KEY = ['designer', 'element-templates'];

/** 流程模板: platform admins add or replace the designer's element templates (Camunda 8 JSON), checked by the API. */
export function ElementTemplateAdmin() {
  const { t } = useTranslation();
  const api = useApiClient();
  const client = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const templates = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get(PATH, z.array(elementTemplateViewSchema), { signal }) });
  const save = useMutation({
    mutationFn: ({ id, template }: { id: string; template: Record<string, unknown> }) => api.send('PUT', `${PATH}/${encodeURIComponent(id)}`, template, z.array(elementTemplateViewSchema)),
    onSuccess: (list) => client.setQueryData(KEY, list),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.send('DELETE', `${PATH}/${encodeURIComponent(id)}`, undefined, z.array(elementTemplateViewSchema)),
    onSuccess: (list) => client.setQueryData(KEY, list),
  });

  const onSave = async () => {
    setProblem(null);
    setNotice(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error: unknown) {
      setProblem(t('templatesAdmin.notJson', { message: error instanceof Error ? error.message : String(error) }));
      return;
    }
    const template = z.record(z.string(), z.unknown()).safeParse(parsed);
    const id = template.success && typeof template.data.id === 'string' ? template.data.id : null;
    if (!template.success || id === null) {
      setProblem(t('templatesAdmin.noId'));
      return;
    }
    const saved = await save.mutateAsync({ id, template: template.data }).catch(() => null);
    if (saved) setNotice(t('templatesAdmin.saved', { id }));
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('templatesAdmin.intro')}</Typography.Paragraph>
      {templates.error && <ErrorAlert error={templates.error} onRetry={() => void templates.refetch()} />}
      <Table<ElementTemplateView> rowKey={(row) => `${row.source}:${row.id}`} size="small" pagination={false} dataSource={templates.data ?? []} loading={templates.isLoading} data-testid="element-templates"
        columns={[
          { title: t('templatesAdmin.id'), dataIndex: 'id' },
          { title: t('templatesAdmin.name'), dataIndex: 'name' },
          { title: t('templatesAdmin.version'), dataIndex: 'version', render: (v: number | null) => v ?? '—' },
          { title: t('templatesAdmin.source'), dataIndex: 'source', render: (source: ElementTemplateView['source'], row) => (
            <Tag>{source === 'admin' ? (row.replacesRepository ? t('templatesAdmin.replaces') : t('templatesAdmin.admin')) : t('templatesAdmin.repository')}</Tag>
          ) },
          { title: t('templatesAdmin.updatedBy'), dataIndex: 'updatedBy', render: (by: string | null) => by ?? '—' },
          { title: '', key: 'actions', render: (_: unknown, row) => (
            <Space>
              <Button size="small" onClick={() => setText(JSON.stringify(row.template, null, 2))}>{t('templatesAdmin.copy')}</Button>
              {row.source === 'admin' && (
                <Popconfirm title={t('templatesAdmin.confirmDelete', { id: row.id })} onConfirm={() => void remove.mutateAsync(row.id).catch(() => null)}>
                  <Button size="small" danger>{t('templatesAdmin.delete')}</Button>
                </Popconfirm>
              )}
            </Space>
          ) },
        ]}
      />
      <Input.TextArea
        value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 8, maxRows: 24 }} aria-label={t('templatesAdmin.json')}
        placeholder={t('templatesAdmin.json')} style={{ fontFamily: 'monospace' }} data-testid="template-json"
      />
      <Space wrap>
        <Button type="primary" onClick={() => void onSave()} loading={save.isPending} disabled={text.trim() === ''}>{t('templatesAdmin.save')}</Button>
        <Button onClick={() => fileRef.current?.click()}>{t('templatesAdmin.load')}</Button>
        <input ref={fileRef} type="file" accept=".json" hidden aria-label={t('templatesAdmin.load')} onChange={(e) => void e.target.files?.[0]?.text().then(setText)} />
      </Space>
      {notice && <Alert type="success" showIcon title={notice} role="status" />}
      {problem && <Alert type="error" showIcon title={problem} role="alert" />}
      {save.error && <ErrorAlert error={save.error} />}
      {remove.error && <ErrorAlert error={remove.error} />}
    </Space>
  );
}
