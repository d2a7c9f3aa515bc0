import { ArrowLeftOutlined } from '@ant-design/icons';
import type { ApplicationView, InboxTask } from '@gov/contracts';
import { Alert, App, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { z } from 'zod';
import { ApiError } from '../../shared/api/ApiError';
import { useCurrentUser } from '../../shared/auth/CurrentUser';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LinkButton } from '../../shared/ui/LinkButton';
import { useDocumentTitle } from '../../shared/ui/useDocumentTitle';
import { AssignCard } from './AssignCard';
import { CaseFile } from './CaseFile';
import { caseFields } from './caseForm';
import { DecisionPanel } from './DecisionPanel';
import { ProcessDiagramCard } from './ProcessDiagramCard';
import { ReturnCard } from './ReturnCard';
import { SupervisionNoticeForm } from './SupervisionCard';
import { DueCell } from './InboxTasks';
import { departmentLabel, explainedCode, formatDateTime } from './inboxModel';
import { InboxTheme } from './InboxTheme';
import { useCaseFile, useCaseFormSchema, useClaimTask, useInboxTask, useUnclaimTask } from './useInbox';
import './inbox.css';

const fromInbox = z.object({ from: z.string().startsWith('?').or(z.literal('')) });

/** /inbox/tasks/:taskKey — one approval step: its case file and the decision. */
export function TaskPage() {
  return (
    <InboxTheme>
      <TaskScreen />
    </InboxTheme>
  );
}

function TaskScreen() {
  const { t } = useTranslation();
  const { taskKey = '' } = useParams();
  const location = useLocation();
  const parsed = fromInbox.safeParse(location.state);
  const backTo = parsed.success ? parsed.data.from : '';
  const task = useInboxTask(taskKey);
  const caseFile = useCaseFile(task.data?.applicationId);
  useDocumentTitle(task.data ? `${task.data.caseNumber ?? task.data.taskKey} ${task.data.name}` : t('areas.inbox.title'));

  const back = (
    <LinkButton to={`/inbox${backTo}`} icon={<ArrowLeftOutlined aria-hidden />} data-testid="task-back">
      {t('inbox.task.back')}
    </LinkButton>
  );

  if (task.isPending) return <Spin tip={t('inbox.task.loading')}><div style={{ minHeight: 200 }} /></Spin>;
  // A failed refresh keeps the task on screen (the last state known); only a failed first load replaces it.
  if (!task.data) {
    const notFound = task.error instanceof ApiError && task.error.status === 404;
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Title level={1}>{t('areas.inbox.title')}</Typography.Title>
        {notFound ? <Result status="404" title={<h2 className="result-heading">{t('inbox.task.notFound')}</h2>} data-testid="task-not-found" /> : <ErrorAlert error={task.error} onRetry={() => void task.refetch()} />}
        {back}
      </Space>
    );
  }

  const refresh = () => {
    void task.refetch();
    void caseFile.refetch();
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="task-view" data-task-key={task.data.taskKey} data-state={task.data.state}>
      <div>{back}</div>
      <TaskHeader task={task.data} view={caseFile.data} />
      {task.isError && <ErrorAlert error={task.error} onRetry={() => void task.refetch()} />}
      {caseFile.isError && <ErrorAlert error={caseFile.error} onRetry={() => void caseFile.refetch()} />}
      {caseFile.isPending && task.data.applicationId && <Spin />}
      {caseFile.data && <TaskBody task={task.data} view={caseFile.data} backTo={backTo} onConflict={refresh} />}
    </Space>
  );
}

function TaskHeader({ task, view }: { task: InboxTask; view: ApplicationView | undefined }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const claim = useClaimTask();
  const unclaim = useUnclaimTask();
  const [now] = useState(() => new Date());
  const caseNumber = task.caseNumber ?? task.taskKey;
  const actionError = claim.error ?? unclaim.error;
  const code = explainedCode(actionError);
  const clock = view?.clock;
  const clockText = clock
    ? t('inbox.task.clockState', {
        state: t(`applications.clock.${clock.state}`),
        remaining: clock.overdue ? t('applications.clock.overdue') : t('applications.clock.remaining', { days: clock.remainingDays }),
      })
    : '—';

  return (
    <Card data-testid="task-header">
      <Typography.Title level={1} style={{ marginTop: 0 }} data-testid="area-title">
        <span data-testid="task-case-number">{caseNumber}</span> · {task.itemName ?? task.itemCode ?? ''}
      </Typography.Title>
      {task.state !== 'open' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('inbox.task.closed', { state: t(`inbox.task.states.${task.state}`) })} data-testid="task-closed" />
      )}
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        items={[
          { key: 'step', label: t('inbox.task.step'), children: <span data-testid="task-step">{task.name}</span> },
          {
            key: 'stage',
            label: t('inbox.task.stage'),
            children: <Tag className={`tag-inbox-${task.stage}`} data-testid="task-stage" data-stage={task.stage}>{t(`inbox.stages.${task.stage}`)}</Tag>,
          },
          { key: 'department', label: t('inbox.task.department'), children: task.candidateGroups.map(departmentLabel).join('、') },
          {
            key: 'assignee',
            label: t('inbox.task.assignee'),
            children: (
              <span data-testid="task-assignee" data-assignee={task.assignee ?? ''}>
                {task.assignee === null ? t('inbox.unassigned') : task.assignee === me.username ? t('inbox.me', { name: task.assignee }) : task.assignee}
              </span>
            ),
          },
          { key: 'due', label: t('inbox.task.due'), children: <DueCell task={task} now={now} /> },
          {
            key: 'clock',
            label: t('inbox.task.clock'),
            children: (
              <span data-testid="task-clock" className={clock?.overdue ? 'inbox-overdue' : undefined}>
                {clockText}
                {clock?.dueDate && <Typography.Text type="secondary">（{t('applications.clock.due', { date: clock.dueDate })}）</Typography.Text>}
              </span>
            ),
          },
          { key: 'created', label: t('inbox.task.created'), children: formatDateTime(task.createdAt, i18n.language) },
        ]}
      />
      {task.state === 'open' && (
        <Space wrap style={{ marginTop: 12 }}>
          {task.assignee === null && (
            <Button type="primary" ghost loading={claim.isPending} onClick={() => claim.mutate(task.taskKey, { onSuccess: () => void message.success(t('inbox.claimed', { caseNumber })) })} data-testid="task-claim">
              {t('inbox.claim')}
            </Button>
          )}
          {task.assignee === me.username && (
            <Button loading={unclaim.isPending} onClick={() => unclaim.mutate(task.taskKey, { onSuccess: () => void message.success(t('inbox.unclaimed', { caseNumber })) })} data-testid="task-unclaim">
              {t('inbox.unclaim')}
            </Button>
          )}
        </Space>
      )}
      {actionError && (code ? <Alert type="warning" showIcon role="alert" style={{ marginTop: 12 }} title={t(`inbox.errors.${code}`)} data-testid="task-action-error" /> : <ErrorAlert error={actionError} />)}
    </Card>
  );
}

function TaskBody({ task, view, backTo, onConflict }: { task: InboxTask; view: ApplicationView; backTo: string; onConflict: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const form = useCaseFormSchema(view.id);
  const fields = useMemo(() => caseFields(form.data), [form.data]);
  const formState = form.isPending ? 'loading' : form.isError ? 'failed' : 'ready';
  const decides = me.roles.some((r) => r === 'approver' || r === 'dept-admin' || r === 'clerk') && me.departments.some((d) => task.candidateGroups.includes(d.path));
  const adminsIt = me.roles.includes('admin') || (me.roles.includes('dept-admin') && me.departments.some((d) => task.candidateGroups.includes(d.path)));
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={15}>
        <CaseFile view={view} fields={fields} formState={formState} ownDepartments={task.candidateGroups} />
        <div style={{ marginTop: 24 }}>
          <ProcessDiagramCard taskKey={task.taskKey} />
        </div>
      </Col>
      <Col xs={24} lg={9}>
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {task.state === 'open' && (
            // Keyed by task: a refresh (a colleague's claim) keeps what was typed; another task starts afresh.
            task.stage === 'hand-back' ? (
              <Alert type="info" showIcon data-testid="hand-back-at-counter" title={t('inbox.task.handBackAtCounter')} />
            ) : (
              <DecisionPanel key={task.taskKey} task={task} view={view} fields={fields} backTo={backTo} onConflict={onConflict} />
            )
          )}
          {task.state === 'open' && decides && task.stage !== 'hand-back' && <ReturnCard taskKey={task.taskKey} caseNumber={task.caseNumber ?? ''} backTo={backTo} />}
          {task.state === 'open' && task.assignee === me.username && !adminsIt && <AssignCard key={`delegate-${task.taskKey}`} task={task} mode="delegate" />}
          {task.state === 'open' && adminsIt && <AssignCard key={`${task.taskKey}-${task.assignee ?? ''}`} task={task} />}
          {task.state === 'open' && me.roles.includes('supervisor') && <SupervisionNoticeForm taskKey={task.taskKey} />}
        </Space>
      </Col>
    </Row>
  );
}
