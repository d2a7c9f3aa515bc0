import { Alert, Button, Input, List, Space, Table, Tag, Typography } from 'antd';
import type Modeler from 'bpmn-js/lib/Modeler';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useCompleteInRun, useStartTestRun, useTestRun } from './api/useDesigner';

interface Canvas {
  addMarker(elementId: string, marker: string): void;
  removeMarker(elementId: string, marker: string): void;
}
interface ElementRegistry {
  get(id: string): unknown;
  getAll(): { id: string }[];
}

const MARKERS = ['gov-run-active', 'gov-run-completed', 'gov-run-terminated', 'gov-run-incident'];
const SAMPLE = JSON.stringify({ applicant: { name: '测试申请人', idNumber: '210102199003071233' }, formData: {}, materials: [], correctionCount: 0 }, null, 2);
const DECISION = JSON.stringify({ decision: 'approve', approved: true, opinion: '测试通过' });

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : null;
  } catch {
    return null;
  }
}

/** Sandboxed test run of the saved revision: the token's way on the diagram, tasks and jobs completed by hand. */
export function TestRunPanel({ code, revision, dirty, modeler }: { code: string; revision: number; dirty: boolean; modeler: Modeler | null }) {
  const { t } = useTranslation();
  const [variables, setVariables] = useState(SAMPLE);
  const [completion, setCompletion] = useState(DECISION);
  const [runKey, setRunKey] = useState<string | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const start = useStartTestRun(code);
  const run = useTestRun(runKey);
  const complete = useCompleteInRun(runKey);

  // Colours the elements by their state in the run.
  useEffect(() => {
    if (!modeler) return undefined;
    const canvas = modeler.get<Canvas>('canvas');
    const registry = modeler.get<ElementRegistry>('elementRegistry');
    const clear = () => registry.getAll().forEach((e) => MARKERS.forEach((m) => canvas.removeMarker(e.id, m)));
    clear();
    for (const element of run.data?.elements ?? []) {
      if (registry.get(element.elementId)) canvas.addMarker(element.elementId, `gov-run-${element.state}`);
    }
    return clear;
  }, [modeler, run.data]);

  const onStart = async () => {
    const parsed = parseJson(variables);
    if (!parsed) {
      setInputError(t('designer.badJson'));
      return;
    }
    setInputError(null);
    const started = await start.mutateAsync({ revision, variables: parsed }).catch(() => null);
    if (started) setRunKey(started.processInstanceKey);
  };

  const onComplete = (kind: 'user-tasks' | 'jobs', itemKey: string) => {
    const parsed = parseJson(completion);
    if (!parsed) {
      setInputError(t('designer.badJson'));
      return;
    }
    setInputError(null);
    complete.mutate({ kind, itemKey, variables: parsed });
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="test-run">
      <Typography.Paragraph>{t('designer.testRunIntro', { revision })}</Typography.Paragraph>
      {dirty && <Alert type="warning" showIcon title={t('designer.testRunSavedOnly')} />}
      <label htmlFor="test-variables">{t('designer.sampleVariables')}</label>
      <Input.TextArea id="test-variables" rows={5} value={variables} onChange={(e) => setVariables(e.target.value)} />
      <Button type="primary" onClick={() => void onStart()} loading={start.isPending}>{t('designer.startTestRun')}</Button>
      {inputError && <Alert type="error" showIcon title={inputError} role="alert" />}
      {start.error && <ErrorAlert error={start.error} />}
      {complete.error && <ErrorAlert error={complete.error} />}
      {run.error && <ErrorAlert error={run.error} />}
      {run.data && (
        <>
          <Typography.Text data-testid="test-run-state">
            {t('designer.runState', { key: run.data.processInstanceKey })} <Tag className={run.data.state === 'COMPLETED' ? 'tag-designer-ok' : 'tag-designer-info'}>{run.data.state}</Tag>
          </Typography.Text>
          <label htmlFor="completion-variables">{t('designer.completionVariables')}</label>
          <Input.TextArea id="completion-variables" rows={2} value={completion} onChange={(e) => setCompletion(e.target.value)} />
          <List size="small" header={t('designer.openTasks')} bordered dataSource={[
            ...run.data.userTasks.map((task) => ({ kind: 'user-tasks' as const, key: task.userTaskKey, elementId: task.elementId, label: `${task.name}（${task.candidateGroups.join('、') || '—'}）` })),
            ...run.data.jobs.map((job) => ({ kind: 'jobs' as const, key: job.jobKey, elementId: job.elementId, label: `${job.elementId} · ${job.type}` })),
          ]} renderItem={(entry) => (
            <List.Item data-testid="run-step" data-element={entry.elementId} actions={[
              <Button key="complete" size="small" onClick={() => onComplete(entry.kind, entry.key)} loading={complete.isPending}>{t('designer.complete')}</Button>,
            ]}>
              <Tag>{entry.kind === 'jobs' ? t('designer.job') : t('designer.userTask')}</Tag> {entry.label}
            </List.Item>
          )} />
          {run.data.incidents.length > 0 && (
            <Alert type="error" showIcon title={t('designer.incidents')} description={run.data.incidents.map((i) => `${i.elementId}: ${i.errorType} ${i.errorMessage}`).join('\n')} />
          )}
          <Table rowKey="name" size="small" pagination={false} dataSource={run.data.variables} columns={[
            { title: t('designer.variable'), dataIndex: 'name' },
            { title: t('designer.value'), dataIndex: 'value', render: (v: string) => <code>{v.length > 200 ? `${v.slice(0, 200)}…` : v}</code> },
          ]} />
        </>
      )}
    </Space>
  );
}
