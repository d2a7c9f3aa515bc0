import type { InboxTask } from '@gov/contracts';
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { ColleagueInput } from './ColleagueInput';
import { explainedCode } from './inboxModel';
import { useAssignTask, useDelegateTask } from './useInbox';

/**
 * Department admins hand a task to a colleague, or take it back from one (`assign`); whoever holds a
 * task delegates it to a colleague (`delegate`, 委托). The API checks both again.
 */
export function AssignCard({ task, mode = 'assign' }: { task: InboxTask; mode?: 'assign' | 'delegate' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const assignTask = useAssignTask(task.taskKey);
  const delegateTask = useDelegateTask(task.taskKey);
  const assign = mode === 'assign' ? assignTask : delegateTask;
  const [assignee, setAssignee] = useState(mode === 'assign' ? (task.assignee ?? '') : '');
  const texts = mode === 'assign' ? 'inbox.assign' : 'inbox.delegate';
  const id = `${mode}-username`;
  const code = assign.isError ? explainedCode(assign.error) : undefined;
  return (
    <Card title={<h2 className="card-heading">{t(`${texts}.title`)}</h2>} data-testid={`${mode}-card`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const name = assignee.trim();
          if (name === '') return;
          assign.mutate(name, { onSuccess: (updated) => void message.success(t(`${texts}.done`, { assignee: updated.assignee ?? name })) });
        }}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary" id={`${mode}-help`}>{t(`${texts}.help`)}</Typography.Text>
          <label htmlFor={id} className="inbox-field-label">{t(`${texts}.username`)}</label>
          <ColleagueInput id={id} value={assignee} onChange={setAssignee} department={task.candidateGroups[0]} ariaDescribedBy={`${mode}-help`} testId={id} />
          {assign.isError && (code ? <Alert type="warning" showIcon role="alert" title={t(`inbox.errors.${code}`)} /> : <ErrorAlert error={assign.error} />)}
          <Button htmlType="submit" loading={assign.isPending} disabled={assignee.trim() === ''} data-testid={`${mode}-submit`}>
            {t(`${texts}.submit`)}
          </Button>
        </Space>
      </form>
    </Card>
  );
}
