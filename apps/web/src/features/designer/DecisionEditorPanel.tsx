import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import DmnModeler from 'dmn-js/lib/Modeler';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useResourceDraft, useSaveResource } from './api/useDesigner';
import { downloadText } from './download';

interface EventBus {
  on(event: string, callback: () => void): void;
}

/** One decision (DMN) of the item: its decision table in dmn-js, saved as revisions, imported / exported as the .dmn file. */
export function DecisionEditorPanel({ code, decisionId }: { code: string; decisionId: string }) {
  const { t } = useTranslation();
  const draft = useResourceDraft(code, 'decisions', decisionId);
  const save = useSaveResource(code, 'decisions', decisionId);
  const containerRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [modeler, setModeler] = useState<DmnModeler | null>(null);
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const loaded = useRef(false);

  useEffect(() => {
    if (!containerRef.current) return undefined;
    const created = new DmnModeler({ container: containerRef.current });
    // Every view (table, diagram) has its own command stack: follow the one shown.
    const followed = new WeakSet<object>();
    created.on('views.changed', () => {
      const viewer = created.getActiveViewer();
      if (!viewer || followed.has(viewer)) return;
      followed.add(viewer);
      viewer.get<EventBus>('eventBus').on('commandStack.changed', () => setDirty(true));
    });
    setModeler(created);
    return () => created.destroy();
  }, []);

  /** Imports DMN XML and opens the decision's table (or the first view when it has none). */
  const load = async (xml: string): Promise<boolean> => {
    if (!modeler) return false;
    setProblem(null);
    try {
      await modeler.importXML(xml, { open: false });
      const views = modeler.getViews();
      // This decision's table; for a file of another decision its first table (saving then names the mismatch).
      const view = views.find((v) => v.element.id === decisionId && v.type === 'decisionTable') ?? views.find((v) => v.element.id === decisionId)
        ?? views.find((v) => v.type === 'decisionTable') ?? views[0];
      if (!view) throw new Error(t('designer.noDecision', { id: decisionId }));
      await modeler.open(view);
      return true;
    } catch (error: unknown) {
      setProblem(t('designer.decisionImportFailed', { message: error instanceof Error ? error.message : String(error) }));
      return false;
    }
  };

  useEffect(() => {
    if (!modeler || !draft.data || loaded.current) return;
    loaded.current = true;
    void load(draft.data.content).then(() => setDirty(false));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once per modeler
  }, [modeler, draft.data]);

  const onSave = async () => {
    if (!modeler || !draft.data) return;
    setNotice(null);
    const { xml } = await modeler.saveXML({ format: true });
    const saved = await save.mutateAsync({ content: xml ?? '', baseRevision: draft.data.revision }).catch(() => null);
    if (saved) {
      setDirty(false);
      setNotice(t('designer.resourceSaved', { revision: saved.revision }));
    }
  };

  const onExport = async () => {
    if (!modeler) return;
    const { xml } = await modeler.saveXML({ format: true });
    downloadText(xml ?? '', `${decisionId}.dmn`, 'application/xml');
  };

  const onImport = async (file: File | undefined) => {
    if (file && (await load(await file.text()))) setDirty(true);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="decision-editor-panel">
      {draft.error && <ErrorAlert error={draft.error} onRetry={() => void draft.refetch()} />}
      {draft.data && (
        <Typography.Text type="secondary" data-testid="decision-draft-info">
          {t('designer.resourceInfo', { id: decisionId, revision: draft.data.revision, by: draft.data.updatedBy, source: draft.data.source })}
          {dirty && <Tag className="tag-designer-warn" style={{ marginLeft: 8 }}>{t('designer.unsaved')}</Tag>}
        </Typography.Text>
      )}
      <Space wrap>
        <Button type="primary" onClick={() => void onSave()} loading={save.isPending} disabled={!draft.data} data-testid="save-decision">{t('designer.saveDecision')}</Button>
        <Button onClick={() => void onExport()} disabled={!draft.data}>{t('designer.exportDecision')}</Button>
        <Button onClick={() => fileRef.current?.click()} disabled={!draft.data}>{t('designer.importDecision')}</Button>
        <input ref={fileRef} type="file" accept=".dmn,.xml" hidden aria-label={t('designer.importDecision')} onChange={(e) => void onImport(e.target.files?.[0])} />
      </Space>
      <Typography.Text type="secondary">{t('designer.decisionDeployHint')}</Typography.Text>
      {notice && <Alert type="success" showIcon title={notice} role="status" />}
      {problem && <Alert type="error" showIcon title={problem} role="alert" />}
      {save.error && <ErrorAlert error={save.error} />}
      <div ref={containerRef} className="designer-decision-editor" data-testid="decision-editor" />
    </Space>
  );
}
