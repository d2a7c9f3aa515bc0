import { RollbackOutlined } from '@ant-design/icons';
import { Button, Input, Modal, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useWithdrawApplication } from './useApplications';

/** Withdraw an undecided application, with a reason (撤回申请). */
export function WithdrawButton({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const withdraw = useWithdrawApplication(applicationId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const helpId = useId();
  const valid = reason.trim().length >= 2;
  return (
    <>
      <Button danger icon={<RollbackOutlined aria-hidden />} onClick={() => setOpen(true)} data-testid="withdraw-application">
        {t('applications.withdraw.button')}
      </Button>
      <Modal
        open={open}
        title={t('applications.withdraw.title')}
        okText={t('applications.withdraw.confirm')}
        cancelText={t('applications.cancel')}
        okButtonProps={{ danger: true, disabled: !valid, 'data-testid': 'withdraw-confirm' }}
        confirmLoading={withdraw.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => withdraw.mutate(reason.trim(), { onSuccess: () => setOpen(false) })}
      >
        <label htmlFor={reasonId} className="form-label">
          {t('applications.withdraw.reason')}
        </label>
        <Input.TextArea id={reasonId} aria-describedby={helpId} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} rows={3} data-testid="withdraw-reason" />
        <Typography.Paragraph type="secondary" id={helpId} style={{ marginTop: 8 }}>
          {t('applications.withdraw.reasonHelp')}
        </Typography.Paragraph>
        {withdraw.isError && <ErrorAlert error={withdraw.error} />}
      </Modal>
    </>
  );
}
