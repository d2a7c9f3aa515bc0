import './designer.css';
import { Alert, Button, Card, List, Space, Table, Tabs, Tag, Typography } from 'antd';
import type Modeler from 'bpmn-js/lib/Modeler';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../shared/api/ApiError';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useDocumentTitle } from '../../shared/ui/useDocumentTitle';
import { useDeploy, useDesignResources, useDraft, useElementTemplates, useExportBundle, useImportBundle, useRevisions, useSaveDraft, useVersions } from './api/useDesigner';
import { bundleFilesOf } from './bundleFiles';
import { downloadText } from './download';
import { createModeler, type LintIssues } from './modeler';
import { ResourcesPanel } from './ResourcesPanel';
import { RevisionDiffPanel } from './RevisionDiffPanel';
import { TestRunPanel } from './TestRunPanel';

interface Problem {
  elementId: string;
  message: string;
  category: string;
}

interface EventBus {
  on(event: string, callback: (event: { issues?: LintIssues }) => void): void;
}
interface Selection {
  select(element: unknown): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}
interface ElementTemplates {
  set(templates: unknown[]): void;
}

const flatten = (issues: LintIssues): Problem[] =>
  Object.entries(issues).flatMap(([elementId, list]) => list.map((issue) => ({ elementId, message: issue.rule ? `${issue.message} (${issue.rule})` : issue.message, category: issue.category })));

/** One item's process model: edit with live lint, save revisions, test-run, deploy, versions. */
export function ProcessEditorPage() {
  const { t } = useTranslation();
  const code = useParams().code ?? '';
  const draft = useDraft(code);
  const save = useSaveDraft(code);
  const deploy = useDeploy(code);
  const versions = useVersions(code);
  const revisions = useRevisions(code);
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const bundleRef = useRef<HTMLInputElement>(null);
  const exportBundle = useExportBundle(code);
  const importBundle = useImportBundle(code);
  const [generation, setGeneration] = useState(0);
  const [modeler, setModeler] = useState<Modeler | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [dirty, setDirty] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const loadedRevision = useRef<number | null>(null);
  useDocumentTitle(draft.data ? `${t('designer.editorTitle')} · ${draft.data.name}` : t('designer.editorTitle'));

  useEffect(() => {
    if (!canvasRef.current || !panelRef.current) return undefined;
    const created = createModeler(canvasRef.current, panelRef.current);
    const events = created.get<EventBus>('eventBus');
    events.on('linting.completed', (event) => setProblems(flatten(event.issues ?? {})));
    events.on('commandStack.changed', () => setDirty(true));
    setModeler(created);
    return () => created.destroy();
  }, []);

  // The chooser starts with the repository's templates (built in) and gets the admins' ones once loaded.
  const templates = useElementTemplates();
  useEffect(() => {
    if (modeler && templates.data) modeler.get<ElementTemplates>('elementTemplates').set(templates.data.map((entry) => entry.template));
  }, [modeler, templates.data]);

  // Loads the saved draft once (later saves keep the editor's own content: nothing typed is replaced).
  useEffect(() => {
    if (!modeler || !draft.data || loadedRevision.current !== null) return;
    loadedRevision.current = draft.data.revision;
    modeler.importXML(draft.data.xml).then(() => setDirty(false)).catch((error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)));
  }, [modeler, draft.data]);

  const select = (elementId: string) => {
    if (!modeler) return;
    const element = modeler.get<ElementRegistry>('elementRegistry').get(elementId);
    if (element) modeler.get<Selection>('selection').select(element);
  };

  const onSave = async () => {
    if (!modeler || !draft.data) return;
    setNotice(null);
    const { xml } = await modeler.saveXML({ format: true });
    const saved = await save.mutateAsync({ xml: xml ?? '', baseRevision: draft.data.revision }).catch(() => null);
    if (saved) {
      setDirty(false);
      setNotice(t('designer.saved', { revision: saved.revision }));
    }
  };

  const onDeploy = async () => {
    if (!draft.data) return;
    setNotice(null);
    const result = await deploy.mutateAsync(draft.data.revision).catch(() => null);
    if (result) setNotice(t('designer.deployedNotice', { version: result.versions[0]?.version ?? '?' }));
  };

  const onDownload = async () => {
    if (!modeler || !draft.data) return;
    const { xml } = await modeler.saveXML({ format: true });
    downloadText(xml ?? '', `${draft.data.bpmnProcessId}.bpmn`, 'application/xml');
  };

  const onImport = async (file: File | undefined) => {
    if (!modeler || !file) return;
    setLoadError(null);
    try {
      await modeler.importXML(await file.text());
      setDirty(true);
    } catch (error: unknown) {
      setLoadError(t('designer.importFailed', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  const onExportBundle = async (from: 'draft' | 'deployed') => {
    const bundle = await exportBundle.mutateAsync(from).catch(() => null);
    if (bundle) downloadText(`${JSON.stringify(bundle, null, 2)}\n`, `${code}-${from}.json`, 'application/json');
  };

  /** Files of processes/<code>/ (or an exported bundle) become new draft revisions; the editors then show them. */
  const onImportBundle = async (list: FileList | null) => {
    setLoadError(null);
    setNotice(null);
    const files = await bundleFilesOf([...(list ?? [])]);
    if ('error' in files) {
      setLoadError(t('designer.bundleUnreadable', { message: files.error }));
      return;
    }
    const result = await importBundle.mutateAsync(files.files).catch(() => null);
    if (!result || !modeler) return;
    const fresh = await draft.refetch();
    if (fresh.data) {
      loadedRevision.current = fresh.data.revision;
      await modeler.importXML(fresh.data.xml).then(() => setDirty(false)).catch(() => undefined);
    }
    setGeneration((g) => g + 1);
    setNotice(t('designer.bundleImported', { files: result.revisions.map((r) => t('designer.bundleRevision', { file: r.file, revision: r.revision })).join('、') }));
  };

  // Links to forms and decisions that exist nowhere (the API's check of the saved draft; deploy refuses them too).
  const resources = useDesignResources(code);
  const linkProblems: Problem[] = (resources.data ?? []).filter((r) => r.available === 'missing' && r.roles.length > 0).flatMap((r) => {
    const message = t(r.kind === 'form' ? 'designer.missingForm' : 'designer.missingDecision', { id: r.id });
    return r.linkedFrom.length > 0 ? r.linkedFrom.map((elementId) => ({ elementId, message, category: 'error' })) : [{ elementId: code, message, category: 'error' }];
  });
  const allProblems = [...linkProblems, ...problems];
  const errors = allProblems.filter((p) => p.category === 'error');
  const serverProblems = [save.error, deploy.error, importBundle.error].flatMap((e) => (e instanceof ApiError ? e.fieldErrors : []));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/designer">{t('designer.back')}</Link>
      <Typography.Title level={1} style={{ margin: 0 }}>{draft.data?.name ?? code}</Typography.Title>
      {draft.error && <ErrorAlert error={draft.error} onRetry={() => void draft.refetch()} />}
      {draft.data && (
        <Typography.Text type="secondary" data-testid="draft-info">
          {t('designer.draftInfo', { code, process: draft.data.bpmnProcessId, revision: draft.data.revision, by: draft.data.updatedBy, source: draft.data.source })}
          {dirty && <Tag className="tag-designer-warn" style={{ marginLeft: 8 }}>{t('designer.unsaved')}</Tag>}
        </Typography.Text>
      )}
      <Space wrap>
        <Button type="primary" onClick={() => void onSave()} loading={save.isPending} disabled={!draft.data}>{t('designer.save')}</Button>
        {draft.data?.mayDeploy && (
          <Button onClick={() => void onDeploy()} loading={deploy.isPending} disabled={dirty || errors.length > 0 || !draft.data} data-testid="deploy">
            {t('designer.deploy')}
          </Button>
        )}
        <Button onClick={() => void onDownload()} disabled={!draft.data}>{t('designer.download')}</Button>
        <Button onClick={() => fileRef.current?.click()} disabled={!draft.data}>{t('designer.import')}</Button>
        <input ref={fileRef} type="file" accept=".bpmn,.xml" hidden aria-label={t('designer.import')} onChange={(e) => void onImport(e.target.files?.[0])} />
        <Button onClick={() => void onExportBundle('draft')} loading={exportBundle.isPending} disabled={!draft.data}>{t('designer.exportDrafts')}</Button>
        <Button onClick={() => void onExportBundle('deployed')} loading={exportBundle.isPending} disabled={!draft.data}>{t('designer.exportDeployed')}</Button>
        <Button onClick={() => bundleRef.current?.click()} loading={importBundle.isPending} disabled={!draft.data}>{t('designer.importBundle')}</Button>
        <input
          ref={bundleRef} type="file" accept=".json,.bpmn,.form,.dmn" multiple hidden aria-label={t('designer.importBundle')} data-testid="import-bundle"
          onChange={(e) => { void onImportBundle(e.target.files); e.target.value = ''; }}
        />
      </Space>
      {dirty && draft.data?.mayDeploy && <Typography.Text type="secondary">{t('designer.saveBeforeDeploy')}</Typography.Text>}
      {notice && <Alert type="success" showIcon title={notice} role="status" />}
      {loadError && <Alert type="error" showIcon title={loadError} role="alert" />}
      {save.error && <ErrorAlert error={save.error} />}
      {deploy.error && <ErrorAlert error={deploy.error} />}
      {exportBundle.error && <ErrorAlert error={exportBundle.error} />}
      {importBundle.error && <ErrorAlert error={importBundle.error} />}
      {serverProblems.length > 0 && (
        <List size="small" bordered dataSource={serverProblems} renderItem={(p) => (
          <List.Item><Button type="link" onClick={() => select(p.path)}>{p.path}</Button> {p.message}</List.Item>
        )} />
      )}
      <div className="designer-workspace">
        <div ref={canvasRef} className="designer-canvas" data-testid="designer-canvas" />
        <div ref={panelRef} className="designer-panel" data-testid="properties-panel" />
      </div>
      <Card size="small" title={<h2 className="card-heading">{t('designer.lint', { errors: errors.length, warnings: allProblems.length - errors.length })}</h2>} data-testid="lint-panel">
        {allProblems.length === 0 ? <Typography.Text>{t('designer.lintClean')}</Typography.Text> : (
          <List size="small" dataSource={allProblems} renderItem={(p) => (
            <List.Item data-testid="lint-problem" data-element={p.elementId}>
              <Tag className={p.category === 'error' ? 'tag-designer-bad' : 'tag-designer-warn'}>{p.category === 'error' ? t('designer.error') : t('designer.warning')}</Tag>
              <Button type="link" size="small" onClick={() => select(p.elementId)}>{p.elementId}</Button>
              {p.message}
            </List.Item>
          )} />
        )}
      </Card>
      <Tabs items={[
        {
          key: 'test', label: t('designer.testRun'),
          children: draft.data ? <TestRunPanel code={code} revision={draft.data.revision} dirty={dirty} modeler={modeler} /> : null,
        },
        { key: 'forms', label: t('designer.forms'), children: <ResourcesPanel key={generation} code={code} kind="form" /> },
        { key: 'decisions', label: t('designer.decisions'), children: <ResourcesPanel key={generation} code={code} kind="decision" /> },
        {
          key: 'versions', label: t('designer.versions'),
          children: (
            <>
              {versions.error && <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />}
              <Table rowKey="processDefinitionKey" size="small" pagination={false} dataSource={versions.data?.versions ?? []} data-testid="versions" columns={[
                { title: t('designer.version'), dataIndex: 'version', render: (v: number, row) => <>{t('designer.versionN', { version: v })} {row.latest && <Tag className="tag-designer-ok">{t('designer.latest')}</Tag>}</> },
                { title: t('designer.runningCases'), dataIndex: 'runningCases' },
                { title: t('designer.deployedBy'), dataIndex: 'deployedBy', render: (by: string | null) => by ?? t('designer.fromFiles') },
                { title: t('designer.deployedAt'), dataIndex: 'deployedAt', render: (at: string | null) => (at ? new Date(at).toLocaleString() : '—') },
                { title: t('designer.fromRevision'), dataIndex: 'draftRevision', render: (r: number | null) => r ?? '—' },
              ]} />
            </>
          ),
        },
        {
          key: 'revisions', label: t('designer.revisions'),
          children: (
            <>
            <Table rowKey="revision" size="small" pagination={false} dataSource={revisions.data ?? []} columns={[
              { title: t('designer.revision'), dataIndex: 'revision' },
              { title: t('designer.savedBy'), dataIndex: 'actorName' },
              { title: t('designer.savedAt'), dataIndex: 'at', render: (at: string) => new Date(at).toLocaleString() },
              { title: t('designer.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
            ]} />
            {revisions.data && <RevisionDiffPanel code={code} revisions={revisions.data.map((r) => r.revision)} />}
            </>
          ),
        },
      ]} />
    </Space>
  );
}
