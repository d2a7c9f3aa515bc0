import './applications.css';
import { AuditOutlined, BellOutlined, FileTextOutlined, FolderOpenOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The citizen's own pages, shown on the portal start page and on each of them. */
export function CitizenLinks() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('applications.myCases')} className="citizen-links">
      <ul>
        <li>
          <NavLink to="/portal/applications" end data-testid="link-my-applications">
            <FileTextOutlined aria-hidden /> {t('applications.myApplications')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/portal/materials" data-testid="link-my-materials">
            <FolderOpenOutlined aria-hidden /> {t('applications.myMaterials')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/portal/licences" data-testid="link-my-licences">
            <SafetyCertificateOutlined aria-hidden /> {t('licences.wallet.link')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/portal/ledger" data-testid="link-my-ledger">
            <AuditOutlined aria-hidden /> {t('licences.ledger.link')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/portal/notifications" data-testid="link-notifications">
            <BellOutlined aria-hidden /> {t('applications.notificationsLink')}
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
