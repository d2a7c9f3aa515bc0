// The platform's element templates (Camunda 8 element-template JSON, one file each in
// element-templates/): the designer's building blocks. A unit test validates every file against
// Camunda's Zeebe element-template schema; admins extend the set by adding a file.
import caseResult from './element-templates/case-result.json' with { type: 'json' };
import counterHandBack from './element-templates/counter-hand-back.json' with { type: 'json' };
import departmentApproval from './element-templates/department-approval.json' with { type: 'json' };
import issueELicence from './element-templates/issue-e-licence.json' with { type: 'json' };
import preReview from './element-templates/pre-review.json' with { type: 'json' };
import publicNotice from './element-templates/public-notice.json' with { type: 'json' };

/** Template files by file name (without .json). */
export const TEMPLATE_FILES: Readonly<Record<string, { id: string; name: string; version: number }>> = {
  'department-approval': departmentApproval,
  'pre-review': preReview,
  'counter-hand-back': counterHandBack,
  'issue-e-licence': issueELicence,
  'public-notice': publicNotice,
  'case-result': caseResult,
};
