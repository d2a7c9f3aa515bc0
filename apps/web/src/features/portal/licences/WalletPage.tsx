import { DownloadOutlined, SafetyCertificateOutlined, ShareAltOutlined } from '@ant-design/icons';
import type { ELicence } from '@gov/contracts';
import { Alert, Button, Card, Descriptions, Empty, InputNumber, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import '../../../shared/ui/licence.css';
import { licenceStatusKey } from '../../../shared/ui/ELicenceMark';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useDocumentTitle } from '../../../shared/ui/useDocumentTitle';
import { CitizenLinks } from '../applications/CitizenLinks';
import { formatDate, useDownload } from '../applications/useDownload';
import { licencePdfPath, useAutofill, useSetAutofill, useShareLink, useWallet } from './useLicences';

/** 我的证照: the e-licences issued to me or my company; download, verify, share a time-limited link. */
export function WalletPage() {
  const { t } = useTranslation();
  const wallet = useWallet();
  useDocumentTitle(t('licences.wallet.title'));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }} data-testid="area-title">
        {t('licences.wallet.title')}
      </Typography.Title>
      <CitizenLinks />
      <Typography.Paragraph>{t('licences.wallet.intro')}</Typography.Paragraph>
      <AutofillConsent />
      {wallet.isError && <ErrorAlert error={wallet.error} onRetry={() => void wallet.refetch()} />}
      {wallet.isPending && <Typography.Text>{t('app.loading')}</Typography.Text>}
      {wallet.data && wallet.data.length === 0 && <Empty description={t('licences.wallet.empty')} />}
      <div data-testid="wallet" style={{ display: 'grid', gap: 16 }}>
        {wallet.data?.map((licence) => <LicenceCard key={licence.licenceNo} licence={licence} />)}
      </div>
    </Space>
  );
}

/** The standing consent to fill new applications from the wallet (withdrawable at any time). */
function AutofillConsent() {
  const { t, i18n } = useTranslation();
  const consent = useAutofill();
  const change = useSetAutofill();
  return (
    <Card size="small">
      <Space wrap>
        <Switch
          id="licence-autofill"
          checked={consent.data?.enabled ?? false}
          loading={consent.isPending || change.isPending}
          onChange={(enabled) => change.mutate(enabled)}
          data-testid="licence-autofill"
        />
        <label htmlFor="licence-autofill">{t('licences.wallet.autofill')}</label>
        {consent.data?.grantedAt && (
          <Typography.Text type="secondary">{t('licences.wallet.autofillSince', { date: new Date(consent.data.grantedAt).toLocaleDateString(i18n.language) })}</Typography.Text>
        )}
      </Space>
      {consent.isError && <ErrorAlert error={consent.error} onRetry={() => void consent.refetch()} />}
      {change.isError && <ErrorAlert error={change.error} />}
    </Card>
  );
}

function LicenceCard({ licence }: { licence: ELicence }) {
  const { t, i18n } = useTranslation();
  const download = useDownload();
  const share = useShareLink();
  const [hours, setHours] = useState(72);
  const [downloadError, setDownloadError] = useState<Error | null>(null);
  const status = licenceStatusKey(licence.status);
  const headingId = `licence-${licence.licenceNo}`;
  return (
    <Card
      data-testid={`licence-${licence.licenceNo}`}
      title={
        <Space wrap>
          <SafetyCertificateOutlined aria-hidden />
          <h2 className="card-heading" id={headingId} style={{ margin: 0 }}>
            {licence.typeName}
          </h2>
          <Tag className={status === 'valid' ? 'tag-licence-ok' : 'tag-licence-bad'} data-testid={`licence-status-${licence.licenceNo}`}>
            {t(`licences.status.${status}`)}
          </Tag>
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('licences.number')}>{licence.licenceNo}</Descriptions.Item>
        <Descriptions.Item label={t('licences.holder')}>
          {licence.holder.name}（{licence.holder.idMasked}）
        </Descriptions.Item>
        <Descriptions.Item label={t('licences.department')}>{licence.department.name}</Descriptions.Item>
        <Descriptions.Item label={t('licences.validity')}>
          {formatDate(licence.validFrom, i18n.language)} – {licence.validUntil ? formatDate(licence.validUntil, i18n.language) : t('licences.longTerm')}
        </Descriptions.Item>
        {licence.fields.map((field) => (
          <Descriptions.Item key={field.key} label={field.label}>
            {field.value}
          </Descriptions.Item>
        ))}
        {licence.statusReason && <Descriptions.Item label={t('licences.statusReason')}>{licence.statusReason}</Descriptions.Item>}
      </Descriptions>
      {downloadError && <ErrorAlert error={downloadError} />}
      <Space wrap style={{ marginTop: 12 }}>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          aria-describedby={headingId}
          data-testid={`licence-download-${licence.licenceNo}`}
          onClick={() => {
            setDownloadError(null);
            download(licencePdfPath(licence.licenceNo), `${licence.typeName}-${licence.licenceNo}.pdf`).catch((e: unknown) => setDownloadError(e instanceof Error ? e : new Error(String(e))));
          }}
        >
          {t('licences.wallet.download')}
        </Button>
        <Link to={`/verify/${encodeURIComponent(licence.licenceNo)}`} data-testid={`licence-verify-${licence.licenceNo}`}>
          {t('licences.wallet.verify')}
        </Link>
        <label htmlFor={`share-hours-${licence.licenceNo}`}>{t('licences.wallet.shareHours')}</label>
        <InputNumber id={`share-hours-${licence.licenceNo}`} min={1} max={720} value={hours} onChange={(value) => setHours(value ?? 72)} />
        <Button icon={<ShareAltOutlined aria-hidden />} aria-describedby={headingId} loading={share.isPending} data-testid={`licence-share-${licence.licenceNo}`} onClick={() => share.mutate({ licenceNo: licence.licenceNo, hours })}>
          {t('licences.wallet.share')}
        </Button>
      </Space>
      {share.isError && <ErrorAlert error={share.error} />}
      {share.data && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          title={t('licences.wallet.shared', { until: new Date(share.data.expiresAt).toLocaleString(i18n.language) })}
          description={
            <Typography.Paragraph copyable={{ text: share.data.url }} style={{ margin: 0, wordBreak: 'break-all' }} data-testid={`licence-share-url-${licence.licenceNo}`}>
              {share.data.url}
            </Typography.Paragraph>
          }
        />
      )}
    </Card>
  );
}
