import { PUBLIC_INFO_KINDS } from '@gov/contracts';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The portal's entry into public disclosure (R3): one link per kind of public information. */
export function PublicInfoLinks() {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="card-heading">{t('publicInfo.heading')}</h2>} data-testid="public-info-links">
      <Typography.Paragraph>{t('publicInfo.intro')}</Typography.Paragraph>
      <ul className="plain-list public-info-links">
        {PUBLIC_INFO_KINDS.map((kind) => (
          <li key={kind}>
            <Link to={`/portal?info=${kind}`} data-testid={`public-info-link-${kind}`}>
              {t(`publicInfo.kinds.${kind}`)}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
