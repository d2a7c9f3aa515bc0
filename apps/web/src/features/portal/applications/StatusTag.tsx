import './applications.css';
import type { ApplicationStatus } from '@gov/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const TONE: Record<ApplicationStatus, string> = {
  draft: 'tag-app-draft',
  submitted: 'tag-app-open',
  'correction-requested': 'tag-app-attention',
  'in-review': 'tag-app-open',
  approved: 'tag-app-done',
  'partially-approved': 'tag-app-done',
  rejected: 'tag-app-bad',
  withdrawn: 'tag-app-neutral',
  terminated: 'tag-app-neutral',
};

export function StatusTag({ status, testId }: { status: ApplicationStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag className={TONE[status]} data-testid={testId}>
      {t(`applications.statuses.${status}`)}
    </Tag>
  );
}
