import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import './applications.css';
import { Form } from '@bpmn-io/form-js-viewer';
import { Alert } from 'antd';
import { useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { errorsById, type FormFieldInfo, type FormJsSchema } from './formSchema';

const fieldUpdate = z.object({ fieldInstance: z.object({ id: z.string() }) });

export interface FormJsHandle {
  /** Moves keyboard focus to the field of a data key (from the problem summary). */
  focusField(key: string): void;
}

/**
 * A service item's form rendered by the form-js viewer (a Preact island inside React). The data
 * is read once when the form mounts; give the component a new `key` to load other data. Problems
 * from the server (`errors`, by data key) are shown by form-js under their fields, like its own
 * validation, and clear as soon as the applicant edits the field.
 */
export function FormJsForm({
  schema,
  fields,
  initialData,
  errors,
  onChange,
  ref,
  testId = 'application-form',
}: {
  schema: FormJsSchema;
  fields: readonly FormFieldInfo[];
  initialData: Record<string, unknown>;
  errors: Record<string, readonly string[]>;
  onChange: (data: Record<string, unknown>) => void;
  ref?: Ref<FormJsHandle>;
  testId?: string;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const form = useRef<Form | null>(null);
  const firstData = useRef(initialData);
  const onChangeRef = useRef(onChange);
  const [ready, setReady] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // Server problems by component id, kept on screen until the applicant edits that field: form-js
  // re-validates fields on import and blur and would otherwise wipe them.
  const serverErrors = useRef<Record<string, string[]>>({});
  const edited = useRef(new Set<string>());
  const enforcing = useRef(false);

  const enforceServerErrors = (instance: Form) => {
    if (enforcing.current) return;
    const current = instance._getState().errors;
    const missing = Object.entries(serverErrors.current).filter(([id, messages]) => !edited.current.has(id) && messages.some((m) => !(current[id] ?? []).includes(m)));
    if (missing.length === 0) return;
    enforcing.current = true;
    try {
      const next = { ...current };
      for (const [id, messages] of missing) next[id] = [...new Set([...(current[id] ?? []), ...messages])];
      instance._setState({ errors: next });
    } finally {
      enforcing.current = false;
    }
  };

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const instance = new Form({ container: container.current });
    form.current = instance;
    let baseline: string | undefined; // the data as imported: only real edits count as changes
    instance.on('field.updated', (update: unknown) => {
      const parsed = fieldUpdate.safeParse(update);
      if (parsed.success) edited.current.add(parsed.data.fieldInstance.id);
    });
    instance.on('changed', () => {
      if (baseline === undefined) return;
      enforceServerErrors(instance);
      const data: Record<string, unknown> = { ...instance._getState().data };
      const json = JSON.stringify(data);
      if (json === baseline) return;
      baseline = json;
      onChangeRef.current(data);
    });
    instance.importSchema(schema, structuredClone(firstData.current)).then(
      () => {
        baseline = JSON.stringify(instance._getState().data);
        setReady(true);
      },
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      // A new schema (e.g. the language changed) is imported with what was typed so far.
      if (baseline !== undefined) firstData.current = { ...instance._getState().data };
      form.current = null;
      instance.destroy();
    };
  }, [schema]);

  // Compared by value: the same problems arriving again (a refreshed view) must not bring back
  // a message the applicant has already dealt with.
  const byId = useMemo(() => errorsById(fields, errors), [fields, errors]);
  const byIdKey = JSON.stringify(byId);
  const latestById = useRef(byId);
  useEffect(() => {
    latestById.current = byId;
  }, [byId]);
  useEffect(() => {
    serverErrors.current = latestById.current;
    edited.current = new Set();
    if (ready && form.current) enforceServerErrors(form.current);
  }, [ready, byIdKey]);

  useImperativeHandle(
    ref,
    () => ({
      focusField: (key: string) => {
        const id = fields.find((field) => field.key === key)?.id;
        const instance = form.current;
        if (!id || !instance || !container.current) return;
        const target = container.current.querySelector<HTMLElement>(`[id^="fjs-form-${CSS.escape(instance._id)}-${CSS.escape(id)}"]`);
        target?.focus();
        target?.scrollIntoView({ block: 'center' });
      },
    }),
    [fields],
  );

  return (
    <>
      {failure && <Alert type="error" showIcon title={t('applications.formLoadFailed')} description={failure} />}
      <div ref={container} className="gov-form-js" data-testid={testId} />
    </>
  );
}
