import { Alert, Button, Space, Tag, Typography } from 'antd';
import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { type ResourcePath, useResourceDraft, useSaveResource } from './api/useDesigner';
import { downloadText } from './download';

/** What the shell needs of a form or decision editor: read a file's text into it, write it out, say when it changes. */
export interface ResourceEditorAdapter {
  /** Imports the text; throws with a readable message when it cannot. */
  load(text: string): Promise<void>;
  serialize(): Promise<string>;
  /** Calls back on every edit (also while importing: the shell clears what an import marks). */
  onChanged(listener: () => void): void;
}

interface Texts {
  save: string;
  export: string;
  import: string;
  deployHint: string;
  importFailed: (message: string) => string;
}

/**
 * One form or decision of the item in its bpmn.io editor: the saved draft loaded once, saved as a
 * new revision (the server refuses an invalid one, with nothing lost), exported and imported as
 * its file. The editor itself lives in `containerRef`, created by the panel that gives `adapter`.
 */
export function ResourceEditor({
  code, kind, id, name, adapter, containerRef, texts, file,
}: {
  code: string;
  kind: ResourcePath;
  id: string;
  /** 'form' or 'decision': the test ids and the container's class. */
  name: string;
  adapter: ResourceEditorAdapter | null;
  containerRef: RefObject<HTMLDivElement | null>;
  texts: Texts;
  file: { extension: string; accept: string; type: string };
}): ReactNode {
  const { t } = useTranslation();
  const draft = useResourceDraft(code, kind, id);
  const save = useSaveResource(code, kind, id);
  const fileRef = useRef<HTMLInputElement>(null);
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const loaded = useRef(false);

  useEffect(() => adapter?.onChanged(() => setDirty(true)), [adapter]);

  const load = async (text: string): Promise<boolean> => {
    if (!adapter) return false;
    setProblem(null);
    try {
      await adapter.load(text);
      return true;
    } catch (error: unknown) {
      setProblem(texts.importFailed(error instanceof Error ? error.message : String(error)));
      return false;
    }
  };

  // Loads the saved draft once; later saves keep what is in the editor.
  useEffect(() => {
    if (!adapter || !draft.data || loaded.current) return;
    loaded.current = true;
    void load(draft.data.content).then(() => setDirty(false));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once per editor
  }, [adapter, draft.data]);

  const onSave = async () => {
    if (!adapter || !draft.data) return;
    setNotice(null);
    const saved = await save.mutateAsync({ content: await adapter.serialize(), baseRevision: draft.data.revision }).catch(() => null);
    if (saved) {
      setDirty(false);
      setNotice(t('designer.resourceSaved', { revision: saved.revision }));
    }
  };

  const onExport = async () => {
    if (adapter) downloadText(await adapter.serialize(), `${id}${file.extension}`, file.type);
  };

  const onImport = async (chosen: File | undefined) => {
    if (chosen && (await load(await chosen.text()))) setDirty(true);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`${name}-editor-panel`}>
      {draft.error && <ErrorAlert error={draft.error} onRetry={() => void draft.refetch()} />}
      {draft.data && (
        <Typography.Text type="secondary" data-testid={`${name}-draft-info`}>
          {t('designer.resourceInfo', { id, revision: draft.data.revision, by: draft.data.updatedBy, source: draft.data.source })}
          {dirty && <Tag className="tag-designer-warn" style={{ marginLeft: 8 }}>{t('designer.unsaved')}</Tag>}
        </Typography.Text>
      )}
      <Space wrap>
        <Button type="primary" onClick={() => void onSave()} loading={save.isPending} disabled={!draft.data} data-testid={`save-${name}`}>{texts.save}</Button>
        <Button onClick={() => void onExport()} disabled={!draft.data}>{texts.export}</Button>
        <Button onClick={() => fileRef.current?.click()} disabled={!draft.data}>{texts.import}</Button>
        <input ref={fileRef} type="file" accept={file.accept} hidden aria-label={texts.import} onChange={(e) => void onImport(e.target.files?.[0])} />
      </Space>
      <Typography.Text type="secondary">{texts.deployHint}</Typography.Text>
      {notice && <Alert type="success" showIcon title={notice} role="status" />}
      {problem && <Alert type="error" showIcon title={problem} role="alert" />}
      {save.error && <ErrorAlert error={save.error} />}
      <div ref={containerRef} className={`designer-${name}-editor`} data-testid={`${name}-editor`} />
    </Space>
  );
}
