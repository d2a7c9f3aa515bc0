import { type Rectification, rectificationSchema } from '@gov/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useApiClient } from '../../shared/api/ApiClientContext';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import './inbox.css';

const rectificationsKey = ['rectifications'] as const;

/** Bad ratings of the department's cases (差评整改): each is answered once; the citizen sees the answer. */
export function RectificationsCard() {
  const { t } = useTranslation();
  const api = useApiClient();
  const list = useQuery({
    queryKey: rectificationsKey,
    queryFn: ({ signal }) => api.get('/api/rectifications', z.array(rectificationSchema), { signal }),
  });
  return (
    <Card title={<h2 className="card-heading">{t('rectifications.title')}</h2>} data-testid="rectifications">
      <Typography.Paragraph type="secondary">{t('rectifications.intro')}</Typography.Paragraph>
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data?.length === 0 && <Empty description={t('rectifications.empty')} />}
      {list.data && list.data.length > 0 && (
        <List dataSource={list.data} renderItem={(item) => <RectificationItem key={item.id} item={item} />} />
      )}
    </Card>
  );
}

function RectificationItem({ item }: { item: Rectification }) {
  const { t } = useTranslation();
  const api = useApiClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [response, setResponse] = useState('');
  const answer = useMutation({
    mutationFn: () => api.send('POST', `/api/rectifications/${encodeURIComponent(item.id)}/answer`, { response }, rectificationSchema),
    onSuccess: () => {
      void message.success(t('rectifications.sent'));
      void queryClient.invalidateQueries({ queryKey: rectificationsKey });
    },
  });
  const responseId = `rectification-response-${item.id}`;
  return (
    <List.Item data-testid={`rectification-${item.id}`} data-status={item.status}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Tag className={`tag-rectification-${item.status}`}>{t(`rectifications.${item.status}`)}</Tag>
          <Typography.Text strong>{item.caseNumber}</Typography.Text>
          <Typography.Text>{item.itemName}</Typography.Text>
          <Typography.Text>
            {t('rectifications.rating')}：{t(`applications.rating.levels.${String(item.level)}`, { defaultValue: String(item.level) })}
          </Typography.Text>
        </Space>
        <Typography.Text>
          {item.reasons.map((reason) => t(`applications.rating.reasonNames.${reason}`)).join('、')}
          {item.comment ? `。${t('rectifications.comment')}：${item.comment}` : ''}
        </Typography.Text>
        {item.status === 'answered' ? (
          <Typography.Paragraph data-testid={`rectification-answer-${item.id}`} style={{ margin: 0 }}>
            {t('rectifications.answeredAt', { date: item.answeredAt?.slice(0, 10) ?? '' })}
            {item.response}
          </Typography.Paragraph>
        ) : (
          <>
            <label htmlFor={responseId}>{t('rectifications.response')}</label>
            <Input.TextArea
              id={responseId}
              data-testid={responseId}
              value={response}
              onChange={(event) => setResponse(event.target.value)}
              placeholder={t('rectifications.responsePlaceholder')}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={2000}
            />
            {answer.isError && <ErrorAlert error={answer.error} />}
            <Button type="primary" onClick={() => answer.mutate()} loading={answer.isPending} disabled={response.trim().length < 5} data-testid={`rectification-submit-${item.id}`}>
              {t('rectifications.submit')}
            </Button>
          </>
        )}
      </Space>
    </List.Item>
  );
}
