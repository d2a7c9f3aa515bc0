import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import { FormEditor } from '@bpmn-io/form-js-editor';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useResourceDraft, useSaveResource } from './api/useDesigner';
import { downloadText } from './download';

/** Exporter name the editor writes into saved schemas. */
const EXPORTER = { name: 'gov-services-platform', version: '0.1.0' };

/** One form (form-js schema) of the item: edit with the form-js editor, save revisions, import / export the .form file. */
export function FormEditorPanel({ code, formId }: { code: string; formId: string }) {
  const { t } = useTranslation();
  const draft = useResourceDraft(code, 'forms', formId);
  const save = useSaveResource(code, 'forms', formId);
  const containerRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [editor, setEditor] = useState<FormEditor | null>(null);
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const loaded = useRef(false);

  useEffect(() => {
    if (!containerRef.current) return undefined;
    const created = new FormEditor({ container: containerRef.current, exporter: EXPORTER });
    created.on('changed', () => setDirty(true));
    setEditor(created);
    return () => created.destroy();
  }, []);

  const load = async (text: string): Promise<boolean> => {
    if (!editor) return false;
    setProblem(null);
    try {
      await editor.importSchema(JSON.parse(text));
      return true;
    } catch (error: unknown) {
      setProblem(t('designer.formImportFailed', { message: error instanceof Error ? error.message : String(error) }));
      return false;
    }
  };

  // Loads the saved draft once; later saves keep what is in the editor.
  useEffect(() => {
    if (!editor || !draft.data || loaded.current) return;
    loaded.current = true;
    void load(draft.data.content).then(() => setDirty(false));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once per editor
  }, [editor, draft.data]);

  const onSave = async () => {
    if (!editor || !draft.data) return;
    setNotice(null);
    const saved = await save.mutateAsync({ content: `${JSON.stringify(editor.saveSchema(), null, 2)}\n`, baseRevision: draft.data.revision }).catch(() => null);
    if (saved) {
      setDirty(false);
      setNotice(t('designer.resourceSaved', { revision: saved.revision }));
    }
  };

  const onImport = async (file: File | undefined) => {
    if (file && (await load(await file.text()))) setDirty(true);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="form-editor-panel">
      {draft.error && <ErrorAlert error={draft.error} onRetry={() => void draft.refetch()} />}
      {draft.data && (
        <Typography.Text type="secondary" data-testid="form-draft-info">
          {t('designer.resourceInfo', { id: formId, revision: draft.data.revision, by: draft.data.updatedBy, source: draft.data.source })}
          {dirty && <Tag className="tag-designer-warn" style={{ marginLeft: 8 }}>{t('designer.unsaved')}</Tag>}
        </Typography.Text>
      )}
      <Space wrap>
        <Button type="primary" onClick={() => void onSave()} loading={save.isPending} disabled={!draft.data} data-testid="save-form">{t('designer.saveForm')}</Button>
        <Button onClick={() => editor && downloadText(`${JSON.stringify(editor.saveSchema(), null, 2)}\n`, `${formId}.form`, 'application/json')} disabled={!draft.data}>
          {t('designer.exportForm')}
        </Button>
        <Button onClick={() => fileRef.current?.click()} disabled={!draft.data}>{t('designer.importForm')}</Button>
        <input ref={fileRef} type="file" accept=".form,.json" hidden aria-label={t('designer.importForm')} onChange={(e) => void onImport(e.target.files?.[0])} />
      </Space>
      <Typography.Text type="secondary">{t('designer.formDeployHint')}</Typography.Text>
      {notice && <Alert type="success" showIcon title={notice} role="status" />}
      {problem && <Alert type="error" showIcon title={problem} role="alert" />}
      {save.error && <ErrorAlert error={save.error} />}
      <div ref={containerRef} className="designer-form-editor" data-testid="form-editor" />
    </Space>
  );
}
