import { SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import type { MaterialFile } from '@gov/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import './licence.css';

/** Marks a material file that came from the e-licence library: "电子证照 · 已核验" or why not. */
export function ELicenceMark({ licence }: { licence: NonNullable<MaterialFile['eLicence']> }) {
  const { t } = useTranslation();
  return licence.verified ? (
    <Tag className="tag-licence-ok" icon={<SafetyCertificateOutlined aria-hidden />} data-testid={`elicence-verified-${licence.licenceNo}`}>
      {t('licences.mark.verified', { type: licence.typeName, number: licence.licenceNo })}
    </Tag>
  ) : (
    <Tag className="tag-licence-bad" icon={<WarningOutlined aria-hidden />} data-testid={`elicence-unverified-${licence.licenceNo}`}>
      {t('licences.mark.unverified', { type: licence.typeName, number: licence.licenceNo, status: t(`licences.status.${licenceStatusKey(licence.status)}`) })}
    </Tag>
  );
}

const STATUS_KEYS = ['valid', 'suspended', 'revoked', 'expired', 'replaced'] as const;
export type LicenceStatusKey = (typeof STATUS_KEYS)[number];
export function licenceStatusKey(status: string): LicenceStatusKey {
  return STATUS_KEYS.find((s) => s === status) ?? 'revoked';
}
