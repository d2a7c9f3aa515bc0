import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Empty, InputNumber, Input, Modal, Space, Table, Tag, Typography, Alert } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { type Incident } from './api/schemas';
import { useCancelCase, useIncidents, useRetryIncident } from './api/useOperations';
import { changedVariables, departmentName, formatDateTime } from './operationsFormat';

/** Failed steps with the failing element, the error and the case's variables; retry (with corrected variables) or cancel the case. */
export function IncidentsPanel() {
  const { t, i18n } = useTranslation();
  const incidents = useIncidents();
  const [retrying, setRetrying] = useState<Incident | null>(null);
  const [cancelling, setCancelling] = useState<Incident | null>(null);
  return (
    <div data-testid="incidents">
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text type="secondary">{t('operations.incidents.intro')}</Typography.Text>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void incidents.refetch()} loading={incidents.isFetching} data-testid="incidents-refresh">
          {t('operations.refresh')}
        </Button>
      </Space>
      {incidents.isError && <ErrorAlert error={incidents.error} onRetry={() => void incidents.refetch()} />}
      <Table<Incident>
        rowKey="incidentKey"
        data-testid="incidents-table"
        loading={incidents.isPending}
        dataSource={incidents.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={<span data-testid="incidents-empty">{t('operations.incidents.empty')}</span>} /> }}
        onRow={(incident) => ({ id: `incident-${incident.incidentKey}` })}
        expandable={{
          expandedRowRender: (incident) => (
            <div>
              <Typography.Text strong>{t('operations.incidents.variables')}</Typography.Text>
              <pre className="ops-json" data-testid={`incident-variables-${incident.incidentKey}`}>{JSON.stringify(incident.variables, null, 2)}</pre>
            </div>
          ),
          expandRowByClick: false,
          columnTitle: <span className="ops-sr-only">{t('operations.incidents.variables')}</span>,
        }}
        columns={[
          {
            key: 'case',
            title: t('operations.incidents.case'),
            render: (_, incident) => (
              <Space orientation="vertical" size={2} data-testid={`incident-${incident.incidentKey}`}>
                <Typography.Text strong data-testid={`incident-case-${incident.incidentKey}`}>
                  {incident.case?.caseNumber ?? (typeof incident.variables.caseNumber === 'string' ? incident.variables.caseNumber : t('operations.incidents.notCase'))}
                </Typography.Text>
                <Typography.Text>{incident.case?.itemName ?? incident.processDefinitionId}</Typography.Text>
                <Space size={4} wrap>
                  {incident.case?.departments.map((d) => <Tag key={d} className="tag-ops-info">{departmentName(d)}</Tag>)}
                </Space>
              </Space>
            ),
          },
          {
            key: 'element',
            title: t('operations.incidents.element'),
            render: (_, incident) => (
              <Space orientation="vertical" size={2}>
                <Typography.Text className="ops-mono">{incident.elementId}</Typography.Text>
                <Tag className="tag-ops-bad">{t(`operations.incidents.errorTypes.${incident.errorType}`, { defaultValue: incident.errorType })}</Tag>
              </Space>
            ),
          },
          {
            key: 'error',
            title: t('operations.incidents.error'),
            render: (_, incident) => (
              <Typography.Paragraph style={{ maxWidth: 420, margin: 0 }} data-testid={`incident-error-${incident.incidentKey}`}>
                {incident.errorMessage}
              </Typography.Paragraph>
            ),
          },
          { key: 'created', title: t('operations.incidents.created'), render: (_, incident) => formatDateTime(incident.creationTime, i18n.language) },
          {
            key: 'actions',
            title: t('operations.incidents.actions'),
            render: (_, incident) => (
              <Space wrap>
                <Button type="primary" onClick={() => setRetrying(incident)} data-testid={`incident-retry-${incident.incidentKey}`}>
                  {t('operations.incidents.retry')}
                </Button>
                <Button danger onClick={() => setCancelling(incident)} data-testid={`incident-cancel-${incident.incidentKey}`}>
                  {t('operations.incidents.cancel')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {retrying && <RetryDialog incident={retrying} onClose={() => setRetrying(null)} />}
      {cancelling && <CancelDialog incident={cancelling} onClose={() => setCancelling(null)} />}
    </div>
  );
}

function caseLabel(incident: Incident): string {
  return incident.case?.caseNumber ?? incident.processInstanceKey;
}

function RetryDialog({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const retry = useRetryIncident();
  const [text, setText] = useState(() => JSON.stringify(incident.variables, null, 2));
  const [retries, setRetries] = useState(3);
  const edit = changedVariables(incident.variables, text);
  const submit = () => {
    if (!edit.ok) return;
    retry.mutate({ incidentKey: incident.incidentKey, retries, variables: edit.variables }, {
      onSuccess: () => {
        void message.success(t('operations.incidents.retried', { caseNumber: caseLabel(incident) }));
        onClose();
      },
    });
  };
  return (
    <Modal
      open
      title={t('operations.retryDialog.title', { element: incident.elementId, caseNumber: caseLabel(incident) })}
      onCancel={onClose}
      onOk={submit}
      okText={t('operations.retryDialog.confirm')}
      cancelText={t('operations.dialogCancel')}
      okButtonProps={{ disabled: !edit.ok, loading: retry.isPending, 'data-testid': 'retry-confirm' }}
      width={720}
      data-testid="retry-dialog"
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="warning" showIcon title={incident.errorMessage} />
        <label htmlFor="retry-variables">{t('operations.retryDialog.variables')}</label>
        <Typography.Text type="secondary" id="retry-variables-help">{t('operations.retryDialog.variablesHelp')}</Typography.Text>
        <Input.TextArea
          id="retry-variables"
          className="ops-variables-editor"
          aria-describedby="retry-variables-help"
          value={text}
          onChange={(event) => setText(event.target.value)}
          autoSize={{ minRows: 6, maxRows: 16 }}
          spellCheck={false}
          data-testid="retry-variables"
        />
        {!edit.ok && (
          <Alert type="error" showIcon data-testid="retry-variables-error"
            title={edit.error === 'invalid-json' ? t('operations.retryDialog.invalidJson', { message: edit.message }) : t('operations.retryDialog.notObject')} />
        )}
        {edit.ok && (
          <Typography.Text data-testid="retry-variables-summary">
            {edit.variables ? t('operations.retryDialog.changed', { names: Object.keys(edit.variables).join('、') }) : t('operations.retryDialog.unchanged')}
          </Typography.Text>
        )}
        <label htmlFor="retry-retries">{t('operations.retryDialog.retries')}</label>
        <InputNumber id="retry-retries" min={1} max={10} value={retries} onChange={(value) => setRetries(value ?? 1)} data-testid="retry-retries" />
        {retry.isError && <ErrorAlert error={retry.error} />}
      </Space>
    </Modal>
  );
}

function CancelDialog({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const cancel = useCancelCase();
  const [reason, setReason] = useState('');
  const valid = reason.trim().length >= 2;
  const submit = () => {
    cancel.mutate({ processInstanceKey: incident.processInstanceKey, reason: reason.trim() }, {
      onSuccess: () => {
        void message.success(t('operations.incidents.cancelled', { caseNumber: caseLabel(incident) }));
        onClose();
      },
    });
  };
  return (
    <Modal
      open
      title={t('operations.cancelDialog.title', { caseNumber: caseLabel(incident) })}
      onCancel={onClose}
      onOk={submit}
      okText={t('operations.cancelDialog.confirm')}
      cancelText={t('operations.dialogCancel')}
      okButtonProps={{ danger: true, disabled: !valid, loading: cancel.isPending, 'data-testid': 'cancel-confirm' }}
      data-testid="cancel-dialog"
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="warning" showIcon title={t('operations.cancelDialog.warning')} />
        <label htmlFor="cancel-reason">{t('operations.cancelDialog.reason')}</label>
        <Input.TextArea
          id="cancel-reason"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={500}
          placeholder={t('operations.cancelDialog.reasonHelp')}
          data-testid="cancel-reason"
        />
        {cancel.isError && <ErrorAlert error={cancel.error} />}
      </Space>
    </Modal>
  );
}
