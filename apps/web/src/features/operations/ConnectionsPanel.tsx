import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { AUTH_KINDS, type Connection } from './api/schemas';
import { type ConnectionInput, useConnections, useSaveConnection } from './api/useOperations';
import { formatDateTime } from './operationsFormat';

const JOB_TYPES = ['dept.submit', 'dept.query'];

interface Editing {
  department: string;
  existing: Connection | null;
}

/** Department systems' connections (admins: all; dept-admins: their own). Secrets are never shown and are entered again on every save. */
export function ConnectionsPanel({ departments }: { departments: readonly { code: string; name: string }[] }) {
  const { t, i18n } = useTranslation();
  const connections = useConnections();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [adding, setAdding] = useState<string>('');
  const nameOf = (code: string) => departments.find((d) => d.code === code)?.name ?? code;
  const unconnected = departments.filter((d) => !connections.data?.some((c) => c.department === d.code));
  return (
    <div data-testid="connections">
      <Typography.Paragraph type="secondary">{t('operations.connections.intro')}</Typography.Paragraph>
      {unconnected.length > 0 && connections.data && (
        <Space style={{ marginBottom: 12 }} wrap>
          <label htmlFor="connection-new-department">{t('operations.connections.addFor')}</label>
          <Select
            id="connection-new-department"
            style={{ minWidth: 200 }}
            value={adding}
            onChange={(value: string) => setAdding(value)}
            options={[{ value: '', label: t('operations.connections.choose') }, ...unconnected.map((d) => ({ value: d.code, label: d.name }))]}
          />
          <Button icon={<PlusOutlined aria-hidden />} disabled={adding === ''} onClick={() => setEditing({ department: adding, existing: null })} data-testid="new-connection">
            {t('operations.connections.add')}
          </Button>
        </Space>
      )}
      {connections.isError && <ErrorAlert error={connections.error} onRetry={() => void connections.refetch()} />}
      <Table<Connection>
        rowKey="department"
        data-testid="connections-table"
        loading={connections.isPending}
        dataSource={connections.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('operations.connections.empty') }}
        onRow={(row) => ({ id: `connection-${row.department}` })}
        columns={[
          {
            key: 'department',
            title: t('operations.connections.department'),
            width: 220,
            render: (_, c) => (
              <Space orientation="vertical" size={2} data-testid={`connection-${c.department}`}>
                <Typography.Text strong>{nameOf(c.department)}</Typography.Text>
                <Typography.Text type="secondary">{c.name}</Typography.Text>
              </Space>
            ),
          },
          {
            key: 'baseUrl',
            title: t('operations.connections.baseUrl'),
            render: (_, c) => (
              <Space orientation="vertical" size={2}>
                <span className="ops-mono" data-testid={`connection-url-${c.department}`}>{c.baseUrl}</span>
                <Typography.Text type="secondary">{t(`operations.connections.authKinds.${c.authKind}`)}</Typography.Text>
              </Space>
            ),
          },
          { key: 'jobTypes', title: t('operations.connections.jobTypes'), render: (_, c) => <Space size={4} wrap>{c.jobTypes.map((j) => <Tag key={j} className="tag-ops-info">{j}</Tag>)}</Space> },
          {
            key: 'limits',
            title: t('operations.connections.limits'),
            render: (_, c) => (
              <Space orientation="vertical" size={2} style={{ whiteSpace: 'nowrap' }}>
                <span>{t('operations.connections.timeoutMs')} {c.timeoutMs} ms</span>
                <span>{t('operations.connections.perMinute', { count: c.rateLimitPerMinute })}</span>
              </Space>
            ),
          },
          {
            key: 'enabled',
            title: t('operations.connections.enabled'),
            render: (_, c) => <Tag className={c.enabled ? 'tag-ops-ok' : 'tag-ops-neutral'}>{c.enabled ? t('operations.connections.enabledYes') : t('operations.connections.enabledNo')}</Tag>,
          },
          {
            key: 'updated',
            title: t('operations.connections.updated'),
            render: (_, c) => (
              <Space orientation="vertical" size={2}>
                <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.updatedAt, i18n.language)}</span>
                {c.updatedBy && <Typography.Text type="secondary">{c.updatedBy}</Typography.Text>}
              </Space>
            ),
          },
          {
            key: 'actions',
            title: t('operations.incidents.actions'),
            render: (_, c) => (
              <Button onClick={() => setEditing({ department: c.department, existing: c })} data-testid={`edit-connection-${c.department}`}>
                {t('operations.connections.edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing && <ConnectionDialog editing={editing} title={nameOf(editing.department)} onClose={() => setEditing(null)} />}
    </div>
  );
}

function ConnectionDialog({ editing, title, onClose }: { editing: Editing; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveConnection();
  const existing = editing.existing;
  const [form, setForm] = useState({
    name: existing?.name ?? `${title}业务系统`,
    baseUrl: existing?.baseUrl ?? '',
    authKind: existing?.authKind ?? 'api-key',
    apiKey: '',
    tokenUrl: '',
    clientId: '',
    clientSecret: '',
    callbackSecret: '',
    jobTypes: existing?.jobTypes ?? JOB_TYPES,
    timeoutMs: existing?.timeoutMs ?? 10_000,
    rateLimitPerMinute: existing?.rateLimitPerMinute ?? 600,
    enabled: existing?.enabled ?? true,
  });
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm((current) => ({ ...current, [key]: value }));
  const input: ConnectionInput = {
    name: form.name.trim(),
    baseUrl: form.baseUrl.trim(),
    auth: form.authKind === 'api-key'
      ? { kind: 'api-key', apiKey: form.apiKey }
      : { kind: 'oauth2-client-credentials', tokenUrl: form.tokenUrl.trim(), clientId: form.clientId.trim(), clientSecret: form.clientSecret },
    callbackSecret: form.callbackSecret,
    jobTypes: form.jobTypes,
    timeoutMs: form.timeoutMs,
    rateLimitPerMinute: form.rateLimitPerMinute,
    enabled: form.enabled,
  };
  const field = (id: string, label: string, control: ReactNode, help?: string) => (
    <div className="ops-filter">
      <label htmlFor={id}>{label}</label>
      {control}
      {help && <Typography.Text type="secondary" id={`${id}-help`}>{help}</Typography.Text>}
    </div>
  );
  const submit = () => save.mutate({ department: editing.department, input }, {
    onSuccess: () => {
      void message.success(t('operations.connections.saved', { department: title }));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('operations.connections.dialogTitle', { department: title })}
      onCancel={onClose}
      onOk={submit}
      okText={t('operations.connections.save')}
      cancelText={t('operations.dialogCancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'connection-save' }}
      width={640}
      data-testid="connection-dialog"
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('operations.connections.secretsNote')} />
        {field('connection-name', t('operations.connections.name'), <Input id="connection-name" value={form.name} onChange={(e) => set('name', e.target.value)} />)}
        {field('connection-base-url', t('operations.connections.baseUrl'), <Input id="connection-base-url" value={form.baseUrl} onChange={(e) => set('baseUrl', e.target.value)} placeholder="https://" data-testid="connection-base-url" />)}
        {field('connection-auth-kind', t('operations.connections.authKind'),
          <Select id="connection-auth-kind" value={form.authKind} onChange={(value: Connection['authKind']) => set('authKind', value)}
            options={AUTH_KINDS.map((kind) => ({ value: kind, label: t(`operations.connections.authKinds.${kind}`) }))} />)}
        {form.authKind === 'api-key'
          ? field('connection-api-key', t('operations.connections.apiKey'), <Input.Password id="connection-api-key" value={form.apiKey} onChange={(e) => set('apiKey', e.target.value)} autoComplete="off" data-testid="connection-api-key" />)
          : (
            <>
              {field('connection-token-url', t('operations.connections.tokenUrl'), <Input id="connection-token-url" value={form.tokenUrl} onChange={(e) => set('tokenUrl', e.target.value)} />)}
              {field('connection-client-id', t('operations.connections.clientId'), <Input id="connection-client-id" value={form.clientId} onChange={(e) => set('clientId', e.target.value)} />)}
              {field('connection-client-secret', t('operations.connections.clientSecret'), <Input.Password id="connection-client-secret" value={form.clientSecret} onChange={(e) => set('clientSecret', e.target.value)} autoComplete="off" />)}
            </>
          )}
        {field('connection-callback-secret', t('operations.connections.callbackSecret'),
          <Input.Password id="connection-callback-secret" aria-describedby="connection-callback-secret-help" value={form.callbackSecret} onChange={(e) => set('callbackSecret', e.target.value)} autoComplete="off" data-testid="connection-callback-secret" />,
          t('operations.connections.callbackSecretHelp'))}
        {field('connection-job-types', t('operations.connections.jobTypes'),
          <Select id="connection-job-types" mode="tags" value={form.jobTypes} onChange={(value: string[]) => set('jobTypes', value)} options={JOB_TYPES.map((j) => ({ value: j, label: j }))} />)}
        <Space wrap size="large">
          {field('connection-timeout', t('operations.connections.timeoutMs'), <InputNumber id="connection-timeout" min={100} max={120_000} step={1000} value={form.timeoutMs} onChange={(v) => set('timeoutMs', v ?? 10_000)} data-testid="connection-timeout" />)}
          {field('connection-rate', t('operations.connections.rateLimit'), <InputNumber id="connection-rate" min={1} max={100_000} value={form.rateLimitPerMinute} onChange={(v) => set('rateLimitPerMinute', v ?? 600)} />)}
          {field('connection-enabled', t('operations.connections.enabled'), <Switch id="connection-enabled" checked={form.enabled} onChange={(checked) => set('enabled', checked)} />)}
        </Space>
        {save.isError && <ErrorAlert error={save.error} />}
      </Space>
    </Modal>
  );
}
