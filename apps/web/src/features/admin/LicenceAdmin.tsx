import { type ELicence, eLicenceSchema, type LicenceStatusChange } from '@gov/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../../shared/ui/licence.css';
import { useApiClient } from '../../shared/api/ApiClientContext';
import { licenceStatusKey } from '../../shared/ui/ELicenceMark';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';

const licencePath = (licenceNo: string) => `/api/licences/${encodeURIComponent(licenceNo)}`;

/** 电子证照管理: an admin of the issuing department suspends, reinstates or revokes a licence, with the reason. */
export function LicenceAdmin() {
  const { t } = useTranslation();
  const api = useApiClient();
  const queryClient = useQueryClient();
  const [licenceNo, setLicenceNo] = useState('');
  const licence = useQuery({
    queryKey: ['licences', 'admin', licenceNo],
    queryFn: ({ signal }) => api.get(licencePath(licenceNo), eLicenceSchema, { signal }),
    enabled: licenceNo !== '',
    retry: false,
  });
  const change = useMutation({
    mutationFn: (body: LicenceStatusChange) => api.send('PUT', `${licencePath(licenceNo)}/status`, body, eLicenceSchema),
    onSuccess: (updated) => queryClient.setQueryData(['licences', 'admin', licenceNo], updated),
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('licences.admin.intro')}</Typography.Paragraph>
      <Input.Search
        aria-label={t('licences.number')}
        placeholder="SY20261127000001"
        enterButton={t('licences.admin.find')}
        onSearch={(value) => {
          change.reset();
          setLicenceNo(value.trim().toUpperCase());
        }}
        data-testid="licence-admin-search"
        style={{ maxWidth: 480 }}
      />
      {licence.isError && <ErrorAlert error={licence.error} />}
      {licence.data && <LicenceStatusCard licence={licence.data} pending={change.isPending} onChange={(body) => change.mutate(body)} />}
      {change.isError && <ErrorAlert error={change.error} />}
      {change.isSuccess && <Alert type="success" showIcon title={t('licences.admin.done')} data-testid="licence-admin-done" />}
    </Space>
  );
}

function LicenceStatusCard({ licence, pending, onChange }: { licence: ELicence; pending: boolean; onChange: (body: LicenceStatusChange) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LicenceStatusChange>();
  const status = licenceStatusKey(licence.status);
  return (
    <Card
      data-testid={`licence-admin-${licence.licenceNo}`}
      title={
        <Space>
          <h3 className="card-heading" style={{ margin: 0 }}>
            {licence.typeName} {licence.licenceNo}
          </h3>
          <Tag className={status === 'valid' ? 'tag-licence-ok' : 'tag-licence-bad'}>{t(`licences.status.${status}`)}</Tag>
        </Space>
      }
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('licences.holder')}>
          {licence.holder.name}（{licence.holder.idMasked}）
        </Descriptions.Item>
        <Descriptions.Item label={t('licences.department')}>{licence.department.name}</Descriptions.Item>
        {licence.statusReason && <Descriptions.Item label={t('licences.statusReason')}>{licence.statusReason}</Descriptions.Item>}
      </Descriptions>
      <Form form={form} layout="vertical" onFinish={(values) => onChange(values)} style={{ marginTop: 12, maxWidth: 560 }}>
        <Form.Item name="action" label={t('licences.admin.action')} rules={[{ required: true, message: t('licences.admin.actionRequired') }]}>
          <Radio.Group
            options={[
              { value: 'suspend', label: t('licences.admin.suspend') },
              { value: 'reinstate', label: t('licences.admin.reinstate') },
              { value: 'revoke', label: t('licences.admin.revoke') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('licences.admin.reason')} rules={[{ required: true, min: 2, message: t('licences.admin.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={pending} data-testid="licence-admin-submit">
          {t('licences.admin.submit')}
        </Button>
      </Form>
    </Card>
  );
}
