import { PaperClipOutlined } from '@ant-design/icons';
import { type ApplicationView, type InboxTask, type MaterialFile, materialFileSchema, TASK_DECISIONS, type TaskDecision } from '@gov/contracts';
import { Alert, App, Button, Card, Checkbox, Input, Radio, Space, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../shared/api/ApiError';
import { useApiClient } from '../../shared/api/ApiClientContext';
import { useCurrentUser } from '../../shared/auth/CurrentUser';
import { FormJsForm } from '../../shared/forms/FormJsForm';
import { formFields, formJsSchema } from '../../shared/forms/formSchema';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import type { CaseField } from './caseForm';
import { type DecisionIssue, decisionInput, decisionIssues, explainedCode, type ProblemDraft, taskIsGone } from './inboxModel';
import { ProblemEditor } from './ProblemEditor';
import { useDecideTask, useTaskForm } from './useInbox';
import { useOpinionDraft } from './useOpinionDraft';

/**
 * The decision on one step: approve, reject, or (at pre-review only) ask for correction with
 * every problem in one notice. An opinion is required to reject or ask for correction. An
 * unclaimed task is claimed on sending; a colleague's claim or decision in the meantime is
 * explained and the task refreshed.
 */
export function DecisionPanel({ task, view, fields, backTo, onConflict }: {
  task: InboxTask;
  view: ApplicationView;
  fields: readonly CaseField[];
  /** Where the inbox list was (its URL search), to return to it after deciding. */
  backTo: string;
  /** A 409: the task and the case are fetched again. */
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const decide = useDecideTask(task);
  // The approval form the step's model links (e.g. the street's household survey): filled in with the decision.
  const taskForm = useTaskForm(task.taskKey, task.state === 'open');
  const approvalSchema = useMemo(() => {
    const parsed = formJsSchema.safeParse(taskForm.data?.schema);
    return parsed.success ? parsed.data : null;
  }, [taskForm.data]);
  const approvalFields = useMemo(() => (approvalSchema ? formFields(approvalSchema) : []), [approvalSchema]);
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  // The API's problems with the form (by data key), shown under the fields.
  const formErrors = useMemo(() => {
    const byKey: Record<string, string[]> = {};
    if (decide.error instanceof ApiError) {
      for (const problem of decide.error.fieldErrors) {
        if (problem.path.startsWith('formData.')) (byKey[problem.path.slice('formData.'.length)] ??= []).push(problem.message);
      }
    }
    return byKey;
  }, [decide.error]);
  const [decision, setDecision] = useState<TaskDecision>('approve');
  const [opinion, setOpinion] = useState('');
  const [visible, setVisible] = useState(true);
  const [problems, setProblems] = useState<ProblemDraft[]>([]);
  const [attachments, setAttachments] = useState<MaterialFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<Error | null>(null);
  const api = useApiClient();
  const attach = async (file: File) => {
    setUploading(true);
    setUploadError(null);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      const uploaded = await api.upload('/api/files', body, materialFileSchema);
      setAttachments((current) => [...current.filter((f) => f.id !== uploaded.id), uploaded].slice(0, 5));
    } catch (error) {
      setUploadError(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setUploading(false);
    }
  };
  // Checked once the approver tries to send, then kept current as they fix things.
  const [attempted, setAttempted] = useState(false);
  const issues = attempted ? decisionIssues(decision, opinion, problems) : [];

  const { savedAt: draftSavedAt } = useOpinionDraft(task.taskKey, decision, opinion, (savedDecision, savedOpinion) => {
    if (savedDecision !== 'correct' || task.stage === 'pre-review' || task.correctable) setDecision(savedDecision);
    setOpinion(savedOpinion);
  });

  const preReview = task.stage === 'pre-review';
  // Corrections are asked at pre-review, and at a later step whose model allows them (a department in a parallel approval).
  const correctable = preReview || task.correctable;
  const takenByOther = task.assignee !== null && task.assignee !== me.username;
  const caseNumber = task.caseNumber ?? view.caseNumber ?? '';
  const opinionNeeded = decision === 'reject' || decision === 'correct';

  const choose = (next: TaskDecision) => {
    setDecision(next);
    setAttempted(false);
    if (next === 'correct' && problems.length === 0) setProblems([{ id: 1, target: '', reason: '', rule: '' }]);
  };

  const send = () => {
    setAttempted(true);
    if (decisionIssues(decision, opinion, problems).length > 0) return;
    const input = { ...decisionInput(decision, opinion, problems, visible), attachments: attachments.map((f) => f.id), ...(approvalSchema ? { formData } : {}) };
    decide.mutate(input, {
      onSuccess: () => {
        void message.success(t(`inbox.decision.done.${decision}`, { caseNumber, step: task.name, count: input.problems?.length ?? 0 }));
        void navigate(`/inbox${backTo}`);
      },
      onError: (error) => {
        if (explainedCode(error)) onConflict();
      },
    });
  };

  const issueText = (issue: DecisionIssue): string => {
    switch (issue.kind) {
      case 'opinion':
        return t('inbox.decision.issues.opinion');
      case 'noProblems':
        return t('inbox.decision.issues.noProblems');
      case 'target':
        return t('inbox.decision.issues.target', { number: issue.number });
      case 'reason':
        return t('inbox.decision.issues.reason', { number: issue.number });
      case 'duplicate':
        return t('inbox.decision.issues.duplicate', { number: issue.number, other: issue.other });
    }
  };

  const label = (choice: TaskDecision) => {
    if (choice === 'approve') return preReview ? t('inbox.decision.approvePreReview') : t('inbox.decision.approve');
    if (choice === 'reject') return preReview ? t('inbox.decision.rejectPreReview') : t('inbox.decision.reject');
    return t('inbox.decision.correct');
  };

  const code = decide.isError ? explainedCode(decide.error) : undefined;

  return (
    <Card title={<h2 className="card-heading">{t('inbox.decision.title')}</h2>} className="inbox-decision-card" data-testid="decision-panel">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {takenByOther ? (
          <Alert type="warning" showIcon title={t('inbox.task.takenBy', { assignee: task.assignee })} data-testid="decision-taken" />
        ) : task.assignee === null ? (
          <Alert type="info" showIcon title={t('inbox.task.notClaimed')} data-testid="decision-unclaimed" />
        ) : null}
        <fieldset disabled={takenByOther || decide.isPending} style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
          <legend className="inbox-field-label" style={{ marginBottom: 8 }}>{t('inbox.decision.choice')}</legend>
          <Radio.Group value={decision} onChange={(event) => choose(TASK_DECISIONS.find((d) => d === event.target.value) ?? 'approve')} data-testid="decision-choice">
            <Space orientation="vertical">
              {TASK_DECISIONS.map((choice) => (
                <Radio key={choice} value={choice} disabled={choice === 'correct' && !correctable} data-testid={`decision-${choice}`}>
                  {label(choice)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
          {!correctable && (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }} id="decision-correct-help">
              {t('inbox.decision.correctOnlyPreReview')}
            </Typography.Paragraph>
          )}

          {approvalSchema && (
            <section style={{ marginTop: 16 }} aria-label={t('inbox.decision.form')} data-testid="decision-form-section">
              <Typography.Text className="inbox-field-label">{t('inbox.decision.form')}</Typography.Text>
              <Typography.Paragraph type="secondary" style={{ margin: '2px 0 8px' }}>{t('inbox.decision.formHelp')}</Typography.Paragraph>
              <FormJsForm schema={approvalSchema} fields={approvalFields} initialData={{}} errors={formErrors} onChange={setFormData} testId="decision-form" />
            </section>
          )}

          <div style={{ marginTop: 16, display: 'grid', gap: 4 }}>
            <label htmlFor="decision-opinion" className="inbox-field-label">
              {opinionNeeded ? t('inbox.decision.opinionRequired') : t('inbox.decision.opinion')}
            </label>
            <Input.TextArea
              id="decision-opinion"
              value={opinion}
              onChange={(event) => setOpinion(event.target.value)}
              placeholder={t('inbox.decision.opinionPlaceholder')}
              autoSize={{ minRows: 3, maxRows: 10 }}
              maxLength={2000}
              aria-required={opinionNeeded}
              data-testid="decision-opinion"
            />
            {draftSavedAt && (
              <Typography.Text type="secondary" role="status" data-testid="decision-draft-saved">
                {t('inbox.decision.draftSaved', { time: draftSavedAt.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false }) })}
              </Typography.Text>
            )}
            <div>
              <Upload
                showUploadList={false}
                accept=".pdf,.jpg,.jpeg,.png,.ofd"
                beforeUpload={(file) => {
                  void attach(file);
                  return false;
                }}
                disabled={uploading || attachments.length >= 5}
              >
                <Button size="small" icon={<PaperClipOutlined aria-hidden />} loading={uploading} data-testid="decision-attach">
                  {t('inbox.decision.attach')}
                </Button>
              </Upload>
              {attachments.map((file) => (
                <div key={file.id} data-testid={`decision-attachment-${file.id}`}>
                  <Typography.Text>{file.name}</Typography.Text>
                  <Button type="link" size="small" onClick={() => setAttachments((current) => current.filter((f) => f.id !== file.id))} aria-label={t('inbox.decision.removeAttachment', { name: file.name })}>
                    {t('inbox.decision.remove')}
                  </Button>
                </div>
              ))}
              {uploadError && <ErrorAlert error={uploadError} />}
            </div>
            <Checkbox checked={visible} onChange={(event) => setVisible(event.target.checked)} data-testid="decision-visible">
              {t('inbox.decision.visible')}
            </Checkbox>
          </div>

          {decision === 'correct' && (
            <div style={{ marginTop: 16 }}>
              <ProblemEditor problems={problems} materials={view.materials} fields={fields} onChange={setProblems} />
            </div>
          )}
        </fieldset>

        {issues.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('inbox.decision.invalid')}
            description={
              <ul className="inbox-notice-problems">
                {issues.map((issue) => (
                  <li key={`${issue.kind}-${'number' in issue ? issue.number : 0}`}>{issueText(issue)}</li>
                ))}
              </ul>
            }
            data-testid="decision-issues"
          />
        )}
        {decide.isError &&
          (code ? (
            <Alert
              type="warning"
              showIcon
              role="alert"
              title={t(`inbox.errors.${code}`)}
              action={taskIsGone(code) ? <Button onClick={() => void navigate(`/inbox${backTo}`)}>{t('inbox.decision.conflictBack')}</Button> : undefined}
              data-testid="decision-conflict"
              data-code={code}
            />
          ) : (
            <ErrorAlert error={decide.error} />
          ))}

        <Button type="primary" block onClick={send} loading={decide.isPending} disabled={takenByOther} danger={decision === 'reject'} data-testid="decision-submit">
          {decide.isPending ? t('inbox.decision.submitting') : t(`inbox.decision.submit.${decision}`, { count: problems.length })}
        </Button>
      </Space>
    </Card>
  );
}
