import { type SupervisionNotice, supervisionNoticeSchema, supervisionOverviewSchema } from '@gov/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, InputNumber, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useApiClient } from '../../shared/api/ApiClientContext';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { departmentLabel, formatDateTime } from './inboxModel';
import './inbox.css';

export const supervisionKeys = { notices: ['supervision-notices'] as const, overview: ['supervision-overview'] as const };

/**
 * 重点督办: supervisors see open, overdue and escalated work per department; every reader sees the
 * supervision notices addressed to their departments (supervisors: all), and departments answer them.
 */
export function SupervisionCard({ supervisor }: { supervisor: boolean }) {
  const { t } = useTranslation();
  const api = useApiClient();
  const notices = useQuery({
    queryKey: supervisionKeys.notices,
    queryFn: ({ signal }) => api.get('/api/supervision/notices', z.array(supervisionNoticeSchema), { signal }),
  });
  return (
    <Card title={<h2 className="card-heading">{t('supervision.title')}</h2>} data-testid="supervision">
      <Typography.Paragraph type="secondary">{t('supervision.intro')}</Typography.Paragraph>
      {supervisor && <Overview />}
      <h3 className="card-subheading">{t('supervision.notices')}</h3>
      {notices.isError && <ErrorAlert error={notices.error} onRetry={() => void notices.refetch()} />}
      {notices.data?.length === 0 && <Empty description={t('supervision.empty')} />}
      {notices.data && notices.data.length > 0 && (
        <List dataSource={notices.data} renderItem={(item) => <NoticeItem key={item.id} item={item} canAnswer={!supervisor} />} />
      )}
    </Card>
  );
}

function Overview() {
  const { t } = useTranslation();
  const api = useApiClient();
  const overview = useQuery({
    queryKey: supervisionKeys.overview,
    queryFn: ({ signal }) => api.get('/api/supervision/overview', supervisionOverviewSchema, { signal }),
    refetchInterval: 60_000,
  });
  if (overview.isError) return <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />;
  return (
    <>
      <h3 className="card-subheading">{t('supervision.overview')}</h3>
      <Table
        size="small"
        rowKey="department"
        loading={overview.isPending}
        dataSource={overview.data?.departments}
        pagination={false}
        data-testid="supervision-overview"
        columns={[
          { key: 'department', title: t('supervision.columns.department'), render: (_: unknown, row) => departmentLabel(row.department) },
          { key: 'open', title: t('supervision.columns.open'), dataIndex: 'open' },
          { key: 'dueSoon', title: t('supervision.columns.dueSoon'), dataIndex: 'dueSoon' },
          { key: 'overdue', title: t('supervision.columns.overdue'), render: (_: unknown, row) => (row.overdue > 0 ? <Tag className="tag-inbox-escalated">{row.overdue}</Tag> : 0) },
          { key: 'escalated', title: t('supervision.columns.escalated'), dataIndex: 'escalated' },
          { key: 'openNotices', title: t('supervision.columns.openNotices'), dataIndex: 'openNotices' },
        ]}
      />
    </>
  );
}

function NoticeItem({ item, canAnswer }: { item: SupervisionNotice; canAnswer: boolean }) {
  const { t, i18n } = useTranslation();
  const api = useApiClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [response, setResponse] = useState('');
  const answer = useMutation({
    mutationFn: () => api.send('POST', `/api/supervision/notices/${encodeURIComponent(item.id)}/answer`, { response }, supervisionNoticeSchema),
    onSuccess: () => {
      void message.success(t('supervision.answered_'));
      void queryClient.invalidateQueries({ queryKey: supervisionKeys.notices });
    },
  });
  const responseId = `supervision-response-${item.id}`;
  return (
    <List.Item data-testid={`supervision-notice-${item.id}`} data-status={item.status}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Tag className={item.status === 'open' ? 'tag-inbox-escalated' : 'tag-inbox-closed'}>{t(`supervision.${item.status}`)}</Tag>
          <Typography.Text strong>{item.caseNumber ?? '—'}</Typography.Text>
          <Typography.Text>{item.itemName ?? ''}</Typography.Text>
          <Typography.Text>{item.taskName}</Typography.Text>
          <Typography.Text type="secondary">{departmentLabel(item.department)}</Typography.Text>
        </Space>
        <Typography.Text>{item.text}</Typography.Text>
        <Typography.Text type="secondary">
          {t('supervision.issuedBy', { name: item.issuedBy, date: formatDateTime(item.issuedAt, i18n.language) })} · {t('supervision.answerBy', { date: formatDateTime(item.answerBy, i18n.language) })}
        </Typography.Text>
        {item.status === 'answered' ? (
          <Typography.Paragraph style={{ margin: 0 }} data-testid={`supervision-answer-${item.id}`}>
            {t('supervision.answeredAt', { name: item.answeredBy ?? '', date: formatDateTime(item.answeredAt ?? '', i18n.language) })}
            {item.response}
          </Typography.Paragraph>
        ) : canAnswer ? (
          <>
            <label htmlFor={responseId}>{t('supervision.response')}</label>
            <Input.TextArea id={responseId} data-testid={responseId} value={response} onChange={(event) => setResponse(event.target.value)} placeholder={t('supervision.responsePlaceholder')} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            {answer.isError && <ErrorAlert error={answer.error} />}
            <Button type="primary" onClick={() => answer.mutate()} loading={answer.isPending} disabled={response.trim().length < 5} data-testid={`supervision-submit-${item.id}`}>
              {t('supervision.answer')}
            </Button>
          </>
        ) : null}
      </Space>
    </List.Item>
  );
}

/** On a step's page, a supervisor sends a supervision notice the department must answer. */
export function SupervisionNoticeForm({ taskKey }: { taskKey: string }) {
  const { t } = useTranslation();
  const api = useApiClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [days, setDays] = useState(3);
  const send = useMutation({
    mutationFn: () => api.send('POST', '/api/supervision/notices', { taskKey, text, answerWithinDays: days }, supervisionNoticeSchema),
    onSuccess: () => {
      setText('');
      void message.success(t('supervision.sent'));
      void queryClient.invalidateQueries({ queryKey: supervisionKeys.notices });
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    },
  });
  return (
    <Card title={<h2 className="card-heading">{t('supervision.sendTitle')}</h2>} data-testid="supervision-form">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <label htmlFor="supervision-text">{t('supervision.text')}</label>
        <Input.TextArea id="supervision-text" data-testid="supervision-text" value={text} onChange={(event) => setText(event.target.value)} placeholder={t('supervision.textPlaceholder')} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        <label htmlFor="supervision-days">{t('supervision.days')}</label>
        <InputNumber id="supervision-days" min={1} max={30} value={days} onChange={(value) => setDays(value ?? 3)} data-testid="supervision-days" />
        {send.isError && <ErrorAlert error={send.error} />}
        <Button type="primary" danger onClick={() => send.mutate()} loading={send.isPending} disabled={text.trim().length < 5} data-testid="supervision-send">
          {t('supervision.send')}
        </Button>
      </Space>
    </Card>
  );
}
