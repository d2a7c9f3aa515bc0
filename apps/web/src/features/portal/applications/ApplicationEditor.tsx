import { CheckCircleOutlined, CloudSyncOutlined, ExclamationCircleOutlined, SendOutlined } from '@ant-design/icons';
import type { ApplicationView, CorrectionProblem } from '@gov/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/ApiError';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { ClockCard } from './CaseView';
import { CorrectionNoticeCard, correctionTargets, openNotice } from './CorrectionNoticeCard';
import { DraftSaver, type SaveState } from './draftSaver';
import { FormJsForm, type FormJsHandle } from '../../../shared/forms/FormJsForm';
import { type FormJsSchema, formFields, labelOf, withPrefillNotes } from '../../../shared/forms/formSchema';
import { MaterialsSection } from './MaterialsSection';
import { SubmitAttempt } from './submitAttempt';
import { type SortedProblems, sortProblems, type SubmitProblem } from './submitProblems';
import { applicationKeys, useSaveForm, useSubmitApplication } from './useApplications';
import { formatDateTime } from './useDownload';

const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;

/**
 * Filling in a draft, or correcting a case after a correction notice: the form (autosaved a
 * second after the last change), the materials, and submit / resubmit. A refused submit lists
 * every problem next to its field or material and in a summary; nothing typed is lost.
 */
export function ApplicationEditor({ view, schema }: { view: ApplicationView; schema: FormJsSchema }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const fields = useMemo(() => formFields(schema), [schema]);
  const notice = openNotice(view);
  const corrections = useMemo(() => correctionTargets(notice), [notice]);

  // What the form was loaded with; replaced only when the draft is reloaded after a conflict.
  const [loaded, setLoaded] = useState(() => ({ key: 0, data: view.formData, prefilled: view.prefilled }));
  const prefillNote = t('applications.prefilledNote');
  const shownSchema = useMemo(() => withPrefillNotes(schema, loaded.prefilled, prefillNote), [schema, loaded.prefilled, prefillNote]);

  // ---- autosave
  const save = useSaveForm(view.id);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);
  const [saveState, setSaveState] = useState<SaveState>({ status: 'idle' });
  const [conflict, setConflict] = useState(false);
  const saver = useRef<DraftSaver<Record<string, unknown>> | null>(null);

  const reloadAfterConflict = useCallback(async () => {
    saver.current?.dispose();
    setConflict(true);
    await queryClient.invalidateQueries({ queryKey: applicationKeys.one(view.id), exact: true });
    const fresh = queryClient.getQueryData<ApplicationView>(applicationKeys.one(view.id));
    if (fresh) setLoaded((previous) => ({ key: previous.key + 1, data: fresh.formData, prefilled: fresh.prefilled }));
    setSaveState({ status: 'idle' });
  }, [queryClient, view.id]);

  useEffect(() => {
    const instance = new DraftSaver<Record<string, unknown>>(
      (data) => saveRef.current(data),
      (state) => {
        setSaveState(state);
        if (state.status === 'failed' && isConflict(state.error)) void reloadAfterConflict();
      },
    );
    saver.current = instance;
    return () => {
      // Leaving the page: what was typed in the last second is still saved.
      instance.flush().catch(() => undefined);
    };
  }, [loaded.key, reloadAfterConflict]);

  useEffect(() => {
    if (saveState.status !== 'pending' && saveState.status !== 'saving') return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [saveState.status]);

  const onFormChange = useCallback((data: Record<string, unknown>) => saver.current?.change(data), []);

  // ---- submit
  const submit = useSubmitApplication(view.id);
  const [attempt] = useState(() => new SubmitAttempt());
  const [problems, setProblems] = useState<SortedProblems | null>(null);
  const [submitError, setSubmitError] = useState<Error | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const form = useRef<FormJsHandle>(null);
  const kind = view.actions.resubmit ? 'resubmit' : 'submit';

  const fieldErrors = useMemo(() => {
    const merged: Record<string, string[]> = {};
    for (const [key, reasons] of Object.entries(corrections.fields)) merged[key] = reasons.map((reason) => t('applications.notice.highlight', { reason }));
    for (const [key, messages] of Object.entries(problems?.fields ?? {})) merged[key] = [...(merged[key] ?? []), ...messages];
    return merged;
  }, [corrections.fields, problems, t]);

  const onSubmit = async () => {
    setSubmitError(null);
    try {
      await saver.current?.flush();
    } catch (error) {
      if (isConflict(error)) return; // reloaded; the applicant checks and submits again
      setSubmitError(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    try {
      await submit.mutateAsync({ kind, idempotencyKey: attempt.key() });
      attempt.settle();
      setProblems(null);
    } catch (error) {
      attempt.settle(error);
      if (error instanceof ApiError && error.status === 422 && error.fieldErrors.length > 0) {
        setProblems(sortProblems(error.fieldErrors));
        window.requestAnimationFrame(() => summary.current?.focus());
      } else {
        setSubmitError(error instanceof Error ? error : new Error(String(error)));
      }
    }
  };

  const goTo = (target: SubmitProblem['target'] | CorrectionProblem['target']) => {
    if (target.kind === 'field') form.current?.focusField(target.key);
    if (target.kind === 'material') {
      const element = document.getElementById(`material-${target.materialId}`);
      element?.focus();
      element?.scrollIntoView({ block: 'center' });
    }
  };

  const materialName = (id: string) => view.materials.find((m) => m.materialId === id)?.name ?? id;
  const problemText = (problem: SubmitProblem) => {
    switch (problem.target.kind) {
      case 'field':
        return t('applications.problemField', { label: labelOf(fields, problem.target.key), message: problem.message });
      case 'material':
        return t('applications.problemMaterial', { name: materialName(problem.target.materialId), message: problem.message });
      case 'other':
        return t('applications.problemOther', { message: problem.message });
    }
  };

  const prefilledLabels = loaded.prefilled.map((key) => labelOf(fields, key));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {notice && <CorrectionNoticeCard notice={notice} view={view} fields={fields} onGoTo={goTo} />}
      {view.clock && <ClockCard clock={view.clock} />}

      <Card title={<h2 className="card-heading">{t('applications.form')}</h2>} extra={<AutosaveStatus state={saveState} onRetry={() => void saver.current?.flush().catch(() => undefined)} />}>
        {conflict && <Alert type="warning" showIcon role="alert" closable={{ onClose: () => setConflict(false) }} style={{ marginBottom: 12 }} title={t('applications.conflict')} data-testid="conflict-reloaded" />}
        <Typography.Paragraph>{t('applications.formHelp')}</Typography.Paragraph>
        {prefilledLabels.length > 0 && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="prefilled-note" title={t('applications.prefilledSummary', { fields: prefilledLabels.join('、') })} />
        )}
        {view.draftExpiresAt && view.status === 'draft' && (
          <Typography.Paragraph type="secondary">{t('applications.draftExpires', { date: formatDateTime(view.draftExpiresAt, i18n.language) })}</Typography.Paragraph>
        )}
        <FormJsForm key={loaded.key} ref={form} schema={shownSchema} fields={fields} initialData={loaded.data} errors={fieldErrors} onChange={onFormChange} />
      </Card>

      <Card title={<h2 className="card-heading">{t('applications.materials')}</h2>}>
        <Typography.Paragraph>{t('applications.materialsHelp')}</Typography.Paragraph>
        <MaterialsSection view={view} editable={view.actions.edit} problems={problems?.materials} corrections={corrections.materials} />
      </Card>

      <Card>
        {problems && problems.all.length > 0 && (
          <div ref={summary} tabIndex={-1} data-testid="submit-problems" style={{ marginBottom: 16 }}>
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('applications.problemsTitle', { count: problems.all.length })}
              description={
                <ul className="problem-list">
                  {problems.all.map((problem, index) => (
                    <li key={index}>
                      {problemText(problem)}
                      {problem.target.kind !== 'other' && (
                        <Button type="link" size="small" onClick={() => goTo(problem.target)}>
                          {t('applications.goTo')}
                        </Button>
                      )}
                    </li>
                  ))}
                </ul>
              }
            />
          </div>
        )}
        {submitError && (
          <div style={{ marginBottom: 16 }} data-testid="submit-error">
            <ErrorAlert error={submitError} onRetry={() => void onSubmit()} />
          </div>
        )}
        <Typography.Paragraph>{t('applications.submitHelp')}</Typography.Paragraph>
        <Button
          type="primary"
          size="large"
          icon={<SendOutlined aria-hidden />}
          loading={submit.isPending}
          disabled={!(view.actions.submit || view.actions.resubmit)}
          onClick={() => void onSubmit()}
          data-testid={kind === 'resubmit' ? 'resubmit-application' : 'submit-application'}
        >
          {submit.isPending ? t('applications.submitting') : kind === 'resubmit' ? t('applications.resubmit') : t('applications.submit')}
        </Button>
      </Card>
    </Space>
  );
}

function AutosaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const { t, i18n } = useTranslation();
  const text = (() => {
    switch (state.status) {
      case 'idle':
        return t('applications.save.idle');
      case 'pending':
        return t('applications.save.pending');
      case 'saving':
        return t('applications.save.saving');
      case 'saved':
        return t('applications.save.saved', { time: state.at.toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit', hour12: false }) });
      case 'failed':
        return t('applications.save.failed');
    }
  })();
  const icon = state.status === 'saved' ? <CheckCircleOutlined aria-hidden /> : state.status === 'failed' ? <ExclamationCircleOutlined aria-hidden /> : <CloudSyncOutlined aria-hidden />;
  return (
    <span className="autosave-status">
      <Typography.Text type={state.status === 'failed' ? 'danger' : undefined} role="status" aria-live="polite" data-testid="autosave-status" data-state={state.status}>
        {icon} {text}
      </Typography.Text>
      {state.status === 'failed' && (
        <Button size="small" type="link" onClick={onRetry}>
          {t('applications.save.retry')}
        </Button>
      )}
    </span>
  );
}
