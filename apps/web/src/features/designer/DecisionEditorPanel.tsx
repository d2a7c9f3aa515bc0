import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import DmnModeler from 'dmn-js/lib/Modeler';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResourceEditor, type ResourceEditorAdapter } from './ResourceEditor';

interface EventBus {
  on(event: string, callback: () => void): void;
}

/** One decision (DMN) of the item: its decision table in dmn-js, saved as revisions, imported / exported as the .dmn file. */
export function DecisionEditorPanel({ code, decisionId }: { code: string; decisionId: string }) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const [adapter, setAdapter] = useState<ResourceEditorAdapter | null>(null);

  useEffect(() => {
    if (!containerRef.current) return undefined;
    const modeler = new DmnModeler({ container: containerRef.current });
    const listeners: (() => void)[] = [];
    // Every view (table, diagram) has its own command stack: follow the one shown.
    const followed = new WeakSet<object>();
    modeler.on('views.changed', () => {
      const viewer = modeler.getActiveViewer();
      if (!viewer || followed.has(viewer)) return;
      followed.add(viewer);
      viewer.get<EventBus>('eventBus').on('commandStack.changed', () => listeners.forEach((listener) => listener()));
    });
    setAdapter({
      /** Imports DMN XML and opens the decision's table (or the first view when it has none). */
      load: async (xml) => {
        await modeler.importXML(xml, { open: false });
        const views = modeler.getViews();
        // This decision's table; for a file of another decision its first table (saving then names the mismatch).
        const view = views.find((v) => v.element.id === decisionId && v.type === 'decisionTable') ?? views.find((v) => v.element.id === decisionId)
          ?? views.find((v) => v.type === 'decisionTable') ?? views[0];
        if (!view) throw new Error(t('designer.noDecision', { id: decisionId }));
        await modeler.open(view);
      },
      serialize: async () => (await modeler.saveXML({ format: true })).xml ?? '',
      onChanged: (listener) => { listeners.push(listener); },
    });
    return () => modeler.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one modeler per panel (the decision id is its key)
  }, []);

  return (
    <ResourceEditor
      code={code} kind="decisions" id={decisionId} name="decision" adapter={adapter} containerRef={containerRef}
      file={{ extension: '.dmn', accept: '.dmn,.xml', type: 'application/xml' }}
      texts={{
        save: t('designer.saveDecision'), export: t('designer.exportDecision'), import: t('designer.importDecision'), deployHint: t('designer.decisionDeployHint'),
        importFailed: (message) => t('designer.decisionImportFailed', { message }),
      }}
    />
  );
}
