import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { processDiagramSchema } from '@gov/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiClient } from '../../shared/api/ApiClientContext';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';

interface Canvas {
  addMarker(elementId: string, marker: string): void;
  zoom(level: 'fit-viewport'): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}

/**
 * The case's process (the version it runs on) with the current step and the steps done marked,
 * drawn by the bpmn-js viewer. Loaded when asked for: the viewer is a large download.
 */
export function ProcessDiagramCard({ taskKey }: { taskKey: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <Card title={<h2 className="card-heading">{t('inbox.diagram.title')}</h2>} data-testid="process-diagram-card"
      extra={<Button size="small" onClick={() => setShown((s) => !s)} data-testid="process-diagram-toggle">{shown ? t('inbox.diagram.hide') : t('inbox.diagram.show')}</Button>}>
      {shown ? <Diagram taskKey={taskKey} /> : <Typography.Text type="secondary">{t('inbox.diagram.help')}</Typography.Text>}
    </Card>
  );
}

function Diagram({ taskKey }: { taskKey: string }) {
  const { t } = useTranslation();
  const api = useApiClient();
  const diagram = useQuery({
    queryKey: ['inbox-diagram', taskKey],
    queryFn: ({ signal }) => api.get(`/api/inbox/tasks/${encodeURIComponent(taskKey)}/diagram`, processDiagramSchema, { signal }),
  });
  const container = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const data = diagram.data;
    if (!data || data.xml === '' || !container.current) return undefined;
    const element = container.current;
    let viewer: { importXML(xml: string): Promise<unknown>; get<T>(name: string): T; destroy(): void } | null = null;
    let cancelled = false;
    void (async () => {
      try {
        const [{ default: NavigatedViewer }, { default: zeebe }] = await Promise.all([import('bpmn-js/lib/NavigatedViewer'), import('zeebe-bpmn-moddle/resources/zeebe.json')]);
        if (cancelled) return;
        viewer = new NavigatedViewer({ container: element, moddleExtensions: { zeebe } });
        await viewer.importXML(data.xml);
        if (cancelled) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<ElementRegistry>('elementRegistry');
        canvas.zoom('fit-viewport');
        for (const id of data.completed) if (registry.get(id)) canvas.addMarker(id, 'gov-step-done');
        for (const id of data.active) if (registry.get(id)) canvas.addMarker(id, 'gov-step-active');
        setDrawn(true);
      } catch (error: unknown) {
        if (!cancelled) setFailure(error instanceof Error ? error.message : String(error));
      }
    })();
    return () => {
      cancelled = true;
      viewer?.destroy();
    };
  }, [diagram.data]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {diagram.isError && <ErrorAlert error={diagram.error} onRetry={() => void diagram.refetch()} />}
      {failure && <Alert type="error" showIcon role="alert" title={t('inbox.diagram.failed')} description={failure} />}
      <Space wrap>
        <Tag className="tag-inbox-warned">{t('inbox.diagram.current')}</Tag>
        <Tag className="tag-inbox-hand-back">{t('inbox.diagram.done')}</Tag>
      </Space>
      <div ref={container} className="inbox-diagram" role="img" aria-label={t('inbox.diagram.label', { steps: diagram.data?.active.join('、') ?? '' })} data-testid="process-diagram" data-drawn={drawn ? 'yes' : 'no'} />
    </Space>
  );
}
