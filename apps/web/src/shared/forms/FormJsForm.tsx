import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import './form-js.css';
import { Form } from '@bpmn-io/form-js-viewer';
import { formFieldsOf, validateFormData } from '@gov/contracts';
import { Alert } from 'antd';
import { useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { errorsById, type FormFieldInfo, type FormJsSchema, reconcileErrors, withViewerDefaults } from './formSchema';

const fieldUpdate = z.object({ fieldInstance: z.object({ id: z.string() }) });

export interface FormJsHandle {
  /** Moves keyboard focus to the field of a data key (from the problem summary). */
  focusField(key: string): void;
}

/**
 * A service item's form rendered by the form-js viewer (a Preact island inside React). The data
 * is read once when the form mounts; give the component a new `key` to load other data. Problems
 * from the server (`errors`, by data key) are shown by form-js under their fields, like its own
 * validation, and clear as soon as the applicant edits the field; form-js's own (English)
 * messages give way to the platform's Chinese ones (libs/contracts form-data).
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

  // The platform's own (Chinese) messages for what is typed, by component id.
  const checks = useMemo(() => formFieldsOf(schema), [schema]);
  const localize = (data: Record<string, unknown>): Record<string, string[]> => {
    const byKey: Record<string, string[]> = {};
    for (const problem of validateFormData(checks, data)) (byKey[problem.path.replace(/^formData\./, '')] ??= []).push(problem.message);
    return errorsById(fields, byKey);
  };

  const enforceServerErrors = (instance: Form) => {
    if (enforcing.current) return;
    const state = instance._getState();
    const next = reconcileErrors({ current: state.errors, server: serverErrors.current, edited: edited.current, localized: localize({ ...state.data }) });
    if (!next) return;
    enforcing.current = true;
    try {
      instance._setState({ errors: next });
    } finally {
      enforcing.current = false;
    }
  };

  const enforceRef = useRef(enforceServerErrors);
  useEffect(() => {
    onChangeRef.current = onChange;
    enforceRef.current = enforceServerErrors;
  });

  useEffect(() => {
    // No debounce: form-js otherwise holds what is typed for 300 ms while the input is controlled by
    // its state, and any re-render in between (another field's change, errors shown) puts the old
    // value back. Autosave is debounced further up (DraftSaver).
    // (`debounce` is read by form-js's config service; its FormOptions type does not list it.)
    const options: ConstructorParameters<typeof Form>[0] & { debounce: false } = { container: container.current, debounce: false };
    const instance = new Form(options);
    form.current = instance;
    let baseline: string | undefined; // the data as imported: only real edits count as changes
    instance.on('field.updated', (update: unknown) => {
      const parsed = fieldUpdate.safeParse(update);
      if (parsed.success) edited.current.add(parsed.data.fieldInstance.id);
    });
    instance.on('changed', () => {
      if (baseline === undefined) return;
      enforceRef.current(instance);
      const data: Record<string, unknown> = { ...instance._getState().data };
      const json = JSON.stringify(data);
      if (json === baseline) return;
      baseline = json;
      onChangeRef.current(data);
    });
    // Whatever the form's author left out that the viewer needs (a date field's own label) is filled in here, for every form shown.
    instance.importSchema(withViewerDefaults(schema), structuredClone(firstData.current)).then(
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
    if (ready && form.current) enforceRef.current(form.current);
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
