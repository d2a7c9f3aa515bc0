import type { ApplicationStatus } from '@gov/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const STATUS_TONE: Record<ApplicationStatus, string> = {
  draft: 'tag-ops-neutral', submitted: 'tag-ops-info', 'correction-requested': 'tag-ops-warn', 'in-review': 'tag-ops-info',
  approved: 'tag-ops-ok', 'partially-approved': 'tag-ops-ok', rejected: 'tag-ops-bad', withdrawn: 'tag-ops-neutral', terminated: 'tag-ops-neutral',
};

export function CaseStatusTag({ status, testId }: { status: ApplicationStatus; testId?: string }) {
  const { t } = useTranslation();
  return <Tag className={STATUS_TONE[status]} data-testid={testId}>{t(`applications.statuses.${status}`)}</Tag>;
}
