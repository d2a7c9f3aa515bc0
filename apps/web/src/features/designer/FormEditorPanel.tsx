import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import { FormEditor } from '@bpmn-io/form-js-editor';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResourceEditor, type ResourceEditorAdapter } from './ResourceEditor';

/** Exporter name the editor writes into saved schemas. */
const EXPORTER = { name: 'gov-services-platform', version: '0.1.0' };

/** One form (form-js schema) of the item: edit with the form-js editor, save revisions, import / export the .form file. */
export function FormEditorPanel({ code, formId }: { code: string; formId: string }) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const [adapter, setAdapter] = useState<ResourceEditorAdapter | null>(null);

  useEffect(() => {
    if (!containerRef.current) return undefined;
    const editor = new FormEditor({ container: containerRef.current, exporter: EXPORTER });
    setAdapter({
      load: async (text) => { await editor.importSchema(JSON.parse(text)); },
      serialize: () => Promise.resolve(`${JSON.stringify(editor.saveSchema(), null, 2)}\n`),
      onChanged: (listener) => editor.on('changed', listener),
    });
    return () => editor.destroy();
  }, []);

  return (
    <ResourceEditor
      code={code} kind="forms" id={formId} name="form" adapter={adapter} containerRef={containerRef}
      file={{ extension: '.form', accept: '.form,.json', type: 'application/json' }}
      texts={{
        save: t('designer.saveForm'), export: t('designer.exportForm'), import: t('designer.importForm'), deployHint: t('designer.formDeployHint'),
        importFailed: (message) => t('designer.formImportFailed', { message }),
      }}
    />
  );
}
