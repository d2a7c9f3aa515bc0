import { CheckCircleOutlined, CloseCircleOutlined, UploadOutlined } from '@ant-design/icons';
import type { Verification } from '@gov/contracts';
import { Alert, Button, Card, Descriptions, Space, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { formatDate } from '../portal/applications/useDownload';
import { useVerification, useVerifyDocument } from '../portal/licences/useLicences';
import { licenceStatusKey } from '../../shared/ui/ELicenceMark';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useDocumentTitle } from '../../shared/ui/useDocumentTitle';

/**
 * 电子证照核验 (public, no login): the QR code on a licence opens /verify/{licenceNo}; anyone can also
 * upload a licence PDF they were given, which is checked for tampering.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const { licenceNo = '' } = useParams();
  const [search] = useSearchParams();
  const verification = useVerification(licenceNo, search.get('share'));
  const document = useVerifyDocument();
  useDocumentTitle(t('licences.verify.title'));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }} data-testid="area-title">
        {t('licences.verify.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('licences.verify.intro')}</Typography.Paragraph>
      {licenceNo !== '' && (
        <Card title={<h2 className="card-heading">{t('licences.verify.byNumber', { number: licenceNo })}</h2>}>
          {verification.isPending && <Typography.Text>{t('app.loading')}</Typography.Text>}
          {verification.isError && <ErrorAlert error={verification.error} onRetry={() => void verification.refetch()} />}
          {verification.data && <VerificationResult result={verification.data} testId="verify-result" />}
        </Card>
      )}
      <Card title={<h2 className="card-heading">{t('licences.verify.document')}</h2>}>
        <Typography.Paragraph>{t('licences.verify.documentHelp')}</Typography.Paragraph>
        <Upload
          accept=".pdf,application/pdf"
          showUploadList={false}
          multiple={false}
          customRequest={({ file }) => {
            if (typeof file !== 'string') document.mutate(file);
          }}
        >
          <Button icon={<UploadOutlined aria-hidden />} loading={document.isPending} data-testid="verify-upload">
            {t('licences.verify.upload')}
          </Button>
        </Upload>
        {document.isError && <ErrorAlert error={document.error} />}
        {document.data && (
          <div style={{ marginTop: 16 }}>
            <VerificationResult result={document.data} testId="verify-document-result" />
          </div>
        )}
      </Card>
    </Space>
  );
}

function VerificationResult({ result, testId }: { result: Verification; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div data-testid={testId} data-valid={String(result.valid)}>
      <Alert
        type={result.valid ? 'success' : 'error'}
        showIcon
        icon={result.valid ? <CheckCircleOutlined aria-hidden /> : <CloseCircleOutlined aria-hidden />}
        title={result.valid ? t('licences.verify.valid') : t('licences.verify.invalid')}
        description={result.message}
        role="status"
      />
      {result.licenceNo && (
        <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('licences.number')}>{result.licenceNo}</Descriptions.Item>
          {result.typeName && <Descriptions.Item label={t('licences.type')}>{result.typeName}</Descriptions.Item>}
          {result.status && <Descriptions.Item label={t('licences.statusLabel')}>{t(`licences.status.${licenceStatusKey(result.status)}`)}</Descriptions.Item>}
          {result.holderName && <Descriptions.Item label={t('licences.holder')}>{result.holderName}</Descriptions.Item>}
          {result.department && <Descriptions.Item label={t('licences.department')}>{result.department}</Descriptions.Item>}
          {result.issuedAt && <Descriptions.Item label={t('licences.issuedAt')}>{formatDate(result.issuedAt, i18n.language)}</Descriptions.Item>}
          {result.status && <Descriptions.Item label={t('licences.validUntil')}>{result.validUntil ? formatDate(result.validUntil, i18n.language) : t('licences.longTerm')}</Descriptions.Item>}
          <Descriptions.Item label={t('licences.verify.signature')}>
            {result.signatureValid ? t('licences.verify.signatureOk', { algorithm: result.algorithm ?? '', keyId: result.keyId ?? '' }) : t('licences.verify.signatureBad')}
          </Descriptions.Item>
          {result.documentIntact !== null && (
            <Descriptions.Item label={t('licences.verify.documentLabel')}>{result.documentIntact ? t('licences.verify.intact') : t('licences.verify.altered')}</Descriptions.Item>
          )}
          {result.fields.map((field) => (
            <Descriptions.Item key={field.label} label={field.label}>
              {field.value}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </div>
  );
}
