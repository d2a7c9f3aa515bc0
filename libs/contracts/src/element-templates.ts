// Element templates (Camunda 8 element-template JSON) for the designer's standard job types, so a
// process designer picks "推送至部门业务系统" instead of typing job types and headers by hand.
import { DEPARTMENTS } from './integrations.js';
import { LICENCE_ISSUE_JOB } from './licences.js';

const SCHEMA = 'https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json';

interface TemplateProperty {
  label?: string;
  description?: string;
  type: 'Hidden' | 'String' | 'Dropdown';
  value?: string;
  choices?: { name: string; value: string }[];
  optional?: boolean;
  constraints?: { notEmpty?: boolean };
  binding: { type: 'zeebe:taskDefinition'; property: 'type' | 'retries' } | { type: 'zeebe:taskHeader'; key: string };
}

/** Job types the API serves itself (it only projects into its own tables); the worker serves the rest. */
export const API_JOB_TYPES: readonly string[] = [LICENCE_ISSUE_JOB];

export interface ElementTemplate {
  $schema: string;
  id: string;
  name: string;
  description: string;
  version: number;
  category: { id: string; name: string };
  appliesTo: ['bpmn:Task'];
  elementType: { value: 'bpmn:ServiceTask' };
  properties: TemplateProperty[];
}

const departmentChoices = DEPARTMENTS.filter((d) => d.hasSystem).map((d) => ({ name: d.name, value: d.code }));
const category = { id: 'gov-integrations', name: '部门业务系统' };
const jobType = (type: string): TemplateProperty => ({ type: 'Hidden', value: type, binding: { type: 'zeebe:taskDefinition', property: 'type' } });
const retries = (value: string): TemplateProperty => ({
  label: '重试次数', description: '超时或 5xx 时的重试次数，用尽后形成事件（incident）', type: 'String', value,
  binding: { type: 'zeebe:taskDefinition', property: 'retries' },
});
const department: TemplateProperty = {
  label: '部门', type: 'Dropdown', value: 'amr', choices: departmentChoices, constraints: { notEmpty: true },
  binding: { type: 'zeebe:taskHeader', key: 'department' },
};

export const ELEMENT_TEMPLATES: readonly ElementTemplate[] = [
  {
    $schema: SCHEMA, id: 'gov.dept.submit', version: 1, category, appliesTo: ['bpmn:Task'], elementType: { value: 'bpmn:ServiceTask' },
    name: '推送至部门业务系统',
    description: '把申请（caseNumber、itemCode、applicant、formData）推送到部门自有业务系统；结果在 {部门}Application。部门拒绝（4xx）时抛出错误码，可用错误边界事件捕获。',
    properties: [
      jobType('dept.submit'), department, retries('5'),
      { label: '拒绝错误码', type: 'String', value: 'DEPT_REJECTED', binding: { type: 'zeebe:taskHeader', key: 'errorCode' } },
    ],
  },
  {
    $schema: SCHEMA, id: 'gov.dept.query', version: 1, category, appliesTo: ['bpmn:Task'], elementType: { value: 'bpmn:ServiceTask' },
    name: '查询部门办理结果',
    description: '轮询部门业务系统直至作出决定（适用于没有回调的部门）；结果在 {部门}Decision（status、result、reason）。',
    properties: [jobType('dept.query'), department, retries('3')],
  },
  {
    $schema: SCHEMA, id: 'gov.notify.send', version: 1, category, appliesTo: ['bpmn:Task'], elementType: { value: 'bpmn:ServiceTask' },
    name: '通知申请人',
    description: '通过短信、政务 App 或邮件通知申请人（变量 applicant、caseNumber、notifyParams）。',
    properties: [
      jobType('notify.send'), retries('3'),
      { label: '消息模板', type: 'String', value: 'application.progress', constraints: { notEmpty: true }, binding: { type: 'zeebe:taskHeader', key: 'template' } },
      { label: '渠道', type: 'Dropdown', value: 'sms', choices: [{ name: '短信', value: 'sms' }, { name: '政务 App', value: 'app' }, { name: '邮件', value: 'mail' }], binding: { type: 'zeebe:taskHeader', key: 'channel' } },
    ],
  },
  {
    $schema: SCHEMA, id: 'gov.licence.issue', version: 1, category: { id: 'gov-licences', name: '电子证照' }, appliesTo: ['bpmn:Task'], elementType: { value: 'bpmn:ServiceTask' },
    name: '签发电子证照',
    description: '案件准予许可时签发电子证照（与纸质证照同步）：按证照类型生成结构化证照和加盖部门电子印章、带二维码的 PDF，存入电子证照库并进入持证人的证照夹；结果在 licenceNo。',
    properties: [
      jobType(LICENCE_ISSUE_JOB), retries('5'),
      {
        label: '证照类型', type: 'Dropdown', value: 'food-business-licence', constraints: { notEmpty: true },
        choices: [{ name: '食品经营许可证', value: 'food-business-licence' }, { name: '营业执照（个体工商户）', value: 'individual-business-licence' }],
        binding: { type: 'zeebe:taskHeader', key: 'licenceType' },
      },
    ],
  },
];
