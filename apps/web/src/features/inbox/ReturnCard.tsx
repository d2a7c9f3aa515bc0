import { applicationViewSchema, returnTargetSchema } from '@gov/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { useApiClient } from '../../shared/api/ApiClientContext';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { inboxKeys } from './useInbox';

/**
 * 退回: sends the case back to an earlier step with the reason (the earlier step's department gets
 * it again). Shown only when the case has such a step and this is its single open step.
 */
export function ReturnCard({ taskKey, caseNumber, backTo }: { taskKey: string; caseNumber: string; backTo: string }) {
  const { t } = useTranslation();
  const api = useApiClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const targets = useQuery({
    queryKey: ['inbox-return-targets', taskKey],
    queryFn: ({ signal }) => api.get(`/api/inbox/tasks/${encodeURIComponent(taskKey)}/return-targets`, z.array(returnTargetSchema), { signal }),
  });
  const [target, setTarget] = useState<string | undefined>();
  const [opinion, setOpinion] = useState('');
  const send = useMutation({
    mutationFn: () => api.send('POST', `/api/inbox/tasks/${encodeURIComponent(taskKey)}/return`, { toElementId: target, opinion }, applicationViewSchema),
    onSuccess: () => {
      void message.success(t('inbox.return.done', { caseNumber }));
      void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
      void navigate(`/inbox${backTo}`);
    },
  });
  if (!targets.data || targets.data.length === 0) return null;
  return (
    <Card title={<h2 className="card-heading">{t('inbox.return.title')}</h2>} data-testid="return-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('inbox.return.help')}</Typography.Text>
        <label htmlFor="return-target">{t('inbox.return.target')}</label>
        <Select id="return-target" value={target} onChange={setTarget} options={targets.data.map((s) => ({ value: s.elementId, label: s.name }))} placeholder={t('inbox.return.targetPlaceholder')} data-testid="return-target" />
        <label htmlFor="return-opinion">{t('inbox.return.opinion')}</label>
        <Input.TextArea id="return-opinion" value={opinion} onChange={(event) => setOpinion(event.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="return-opinion" />
        {send.isError && <ErrorAlert error={send.error} />}
        <Button danger onClick={() => send.mutate()} loading={send.isPending} disabled={!target || opinion.trim().length < 2} data-testid="return-submit">
          {t('inbox.return.submit')}
        </Button>
      </Space>
    </Card>
  );
}
