import type { InboxTask } from '@gov/contracts';
import { Alert, App, Button, Card, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { explainedCode } from './inboxModel';
import { useAssignTask } from './useInbox';

/** Department admins hand a task to a colleague, or take it back from one (the API checks the role again). */
export function AssignCard({ task }: { task: InboxTask }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const assign = useAssignTask(task.taskKey);
  const [assignee, setAssignee] = useState(task.assignee ?? '');
  const code = assign.isError ? explainedCode(assign.error) : undefined;
  return (
    <Card title={<h2 className="card-heading">{t('inbox.assign.title')}</h2>} data-testid="assign-card">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const name = assignee.trim();
          if (name === '') return;
          assign.mutate(name, { onSuccess: (updated) => void message.success(t('inbox.assign.done', { assignee: updated.assignee ?? name })) });
        }}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary" id="assign-help">{t('inbox.assign.help')}</Typography.Text>
          <label htmlFor="assign-username" className="inbox-field-label">{t('inbox.assign.username')}</label>
          <Input id="assign-username" value={assignee} onChange={(event) => setAssignee(event.target.value)} autoComplete="off" maxLength={100} aria-describedby="assign-help" data-testid="assign-username" />
          {assign.isError && (code ? <Alert type="warning" showIcon role="alert" title={t(`inbox.errors.${code}`)} /> : <ErrorAlert error={assign.error} />)}
          <Button htmlType="submit" loading={assign.isPending} disabled={assignee.trim() === ''} data-testid="assign-submit">
            {t('inbox.assign.submit')}
          </Button>
        </Space>
      </form>
    </Card>
  );
}
