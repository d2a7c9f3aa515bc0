import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { Alert, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useRevision } from './api/useDesigner';
import { type ModelDiff, modelDiff } from './revisionDiff';

interface Canvas {
  addMarker(elementId: string, marker: string): void;
  zoom(level: 'fit-viewport'): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}

/** Visual diff of two saved revisions: the newer one drawn with added / changed / moved elements marked, plus the property changes. */
export function RevisionDiffPanel({ code, revisions }: { code: string; revisions: number[] }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState<number | null>(revisions[1] ?? null);
  const [to, setTo] = useState<number | null>(revisions[0] ?? null);
  const before = useRevision(code, from);
  const after = useRevision(code, to);
  const [result, setResult] = useState<ModelDiff | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!before.data || !after.data || !container.current) return undefined;
    const viewer = new NavigatedViewer({ container: container.current, moddleExtensions: { zeebe: zeebeModdle } });
    let cancelled = false;
    void (async () => {
      try {
        const changes = await modelDiff(before.data.xml, after.data.xml);
        await viewer.importXML(after.data.xml);
        if (cancelled) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<ElementRegistry>('elementRegistry');
        canvas.zoom('fit-viewport');
        const mark = (ids: string[], marker: string) => ids.filter((id) => registry.get(id)).forEach((id) => canvas.addMarker(id, marker));
        mark(changes.added, 'gov-diff-added');
        mark([...new Set(changes.changed.map((c) => c.elementId))], 'gov-diff-changed');
        mark(changes.moved, 'gov-diff-moved');
        setResult(changes);
        setFailure(null);
      } catch (error: unknown) {
        if (!cancelled) setFailure(error instanceof Error ? error.message : String(error));
      }
    })();
    return () => {
      cancelled = true;
      viewer.destroy();
    };
  }, [before.data, after.data]);

  if (revisions.length < 2) return <Typography.Text>{t('designer.diffNeedsTwo')}</Typography.Text>;
  const options = revisions.map((r) => ({ value: r, label: t('designer.revisionN', { revision: r }) }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="revision-diff">
      <Space wrap>
        <span id="diff-from-label">{t('designer.diffFrom')}</span>
        <Select aria-labelledby="diff-from-label" style={{ width: 140 }} value={from} options={options} onChange={setFrom} />
        <span id="diff-to-label">{t('designer.diffTo')}</span>
        <Select aria-labelledby="diff-to-label" style={{ width: 140 }} value={to} options={options} onChange={setTo} />
      </Space>
      {before.error && <ErrorAlert error={before.error} />}
      {after.error && <ErrorAlert error={after.error} />}
      {failure && <Alert type="error" showIcon title={failure} role="alert" />}
      <Space wrap>
        <Tag className="tag-designer-ok">{t('designer.diffAdded', { count: result?.added.length ?? 0 })}</Tag>
        <Tag className="tag-designer-warn">{t('designer.diffChanged', { count: new Set(result?.changed.map((c) => c.elementId)).size })}</Tag>
        <Tag className="tag-designer-info">{t('designer.diffMoved', { count: result?.moved.length ?? 0 })}</Tag>
        <Tag className="tag-designer-bad">{t('designer.diffRemoved', { count: result?.removed.length ?? 0 })}{result && result.removed.length > 0 ? `：${result.removed.join('、')}` : ''}</Tag>
      </Space>
      <div ref={container} className="designer-diff-canvas" />
      <Table rowKey={(row) => `${row.elementId}.${row.property}`} size="small" pagination={false} dataSource={result?.changed ?? []} columns={[
        { title: t('designer.diffElement'), dataIndex: 'elementId' },
        { title: t('designer.diffProperty'), dataIndex: 'property' },
        { title: t('designer.diffBefore'), dataIndex: 'before' },
        { title: t('designer.diffAfter'), dataIndex: 'after' },
      ]} />
    </Space>
  );
}
