import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FormField, formFieldsOf, prefillFormData, validateFormData } from '../form-data.js';

const processes = path.resolve(import.meta.dirname, '../../../../processes');

/** The item's application form (item.json's `process.formId`; a folder may hold approval forms too). */
function seedForm(dir: string): unknown {
  const item = JSON.parse(readFileSync(path.join(processes, dir, 'item.json'), 'utf8')) as { process?: { formId?: string } };
  const formId = item.process?.formId;
  if (!formId) throw new Error(`no application form in ${dir}`);
  return JSON.parse(readFileSync(path.join(processes, dir, `${formId}.form`), 'utf8'));
}

const seedDirs = readdirSync(processes, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

function field(overrides: Partial<FormField> & Pick<FormField, 'key' | 'type'>): FormField {
  return { label: overrides.key, required: false, ...overrides };
}

function form(...components: unknown[]): unknown {
  return { type: 'default', components };
}

const residencePermit = formFieldsOf(seedForm('210100-GG-00003-C'));
const restaurant = formFieldsOf(seedForm('210100-GG-00001-G'));
const allowance = formFieldsOf(seedForm('210100-GF-00001-H'));

const validResidencePermit = {
  name: '张三',
  idNumber: '11010519491231002X',
  address: '沈阳市和平区南京北街 1 号',
  residentSince: '2024-03-01',
  basis: 'employment',
  delivery: 'counter',
  phone: '13812345678',
};

describe('formFieldsOf', () => {
  it.each(seedDirs)('reads the data-carrying fields of the seed form of %s', (dir) => {
    // given a seed form
    const schema = seedForm(dir);

    // when its fields are read
    const fields = formFieldsOf(schema);

    // then every keyed component is a field, the heading text is not, and all are required or labelled
    expect(fields.length).toBeGreaterThan(3);
    expect(fields.every((f) => f.key !== '' && f.label !== '')).toBe(true);
    expect(new Set(fields.map((f) => f.key)).size).toBe(fields.length);
  });

  it('reads labels, required flags, patterns and options of the residence permit form', () => {
    expect(residencePermit.map((f) => f.key)).toEqual(['name', 'idNumber', 'address', 'residentSince', 'basis', 'delivery', 'phone']);
    expect(residencePermit.find((f) => f.key === 'phone')).toEqual({ key: 'phone', label: '联系电话', type: 'textfield', required: true, pattern: '^1[3-9]\\d{9}$' });
    expect(residencePermit.find((f) => f.key === 'basis')?.options).toEqual(['employment', 'residence', 'study']);
  });

  it('marks the optional business name of the individual business form as not required', () => {
    const fields = formFieldsOf(seedForm('210100-XK-00001-D'));
    expect(fields.find((f) => f.key === 'businessName')?.required).toBe(false);
  });

  it('walks into groups, prefixing the keys of a group with a path', () => {
    const fields = formFieldsOf(form(
      { type: 'group', label: '申请人', components: [{ type: 'textfield', key: 'name', label: '姓名' }] },
      { type: 'group', path: 'agent', components: [{ type: 'textfield', key: 'name', label: '代理人姓名' }] },
    ));
    expect(fields.map((f) => f.key)).toEqual(['name', 'agent.name']);
  });

  it('ignores layout components, dynamic lists and components without a key', () => {
    const fields = formFieldsOf(form(
      { type: 'text', text: '# 标题' },
      { type: 'spacer' },
      { type: 'separator' },
      { type: 'image', source: 'x.png' },
      { type: 'button', key: 'submit', label: '提交' },
      { type: 'dynamiclist', path: 'members', components: [{ type: 'textfield', key: 'name' }] },
      { type: 'textfield', label: '无键' },
      { type: 'number', key: 'age', label: '年龄', validate: { min: 0, max: 150 } },
    ));
    expect(fields).toEqual([{ key: 'age', label: '年龄', type: 'number', required: false, min: 0, max: 150 }]);
  });

  it('keeps the fields of a form with odd properties and drops only what it cannot use', () => {
    const fields = formFieldsOf(form(
      'not a component',
      { type: 'textfield', key: 'code', validate: { required: 'yes', pattern: '([', maxLength: '10' } },
      { type: 'select', key: 'city', label: '城市', values: [{ label: '沈阳', value: 'sy' }, { label: '坏' }] },
    ));
    expect(fields).toEqual([
      { key: 'code', label: 'code', type: 'textfield', required: false },
      { key: 'city', label: '城市', type: 'select', required: false, options: ['sy'] },
    ]);
  });

  it.each([null, 'form', {}, { components: 'x' }])('returns no fields for %j, which is not a form', (schema) => {
    expect(formFieldsOf(schema)).toEqual([]);
  });
});

describe('validateFormData', () => {
  it('accepts a complete, correct residence permit application', () => {
    expect(validateFormData(residencePermit, validResidencePermit)).toEqual([]);
  });

  it('reports every problem at once, in words a citizen understands', () => {
    // given an application with several mistakes
    const data = { ...validResidencePermit, name: '', phone: '1234', basis: 'tourism', residentSince: '2024-02-30', nickname: '小张' };

    // when it is validated
    const problems = validateFormData(residencePermit, data);

    // then each mistake is named at its field
    expect(problems).toEqual([
      { path: 'formData.name', message: '请填写“姓名”' },
      { path: 'formData.residentSince', message: '“居住登记日期”应为有效日期，例如 2024-05-01' },
      { path: 'formData.basis', message: '“申领条件”中的“tourism”不是可选项' },
      { path: 'formData.phone', message: '“联系电话”格式不正确' },
      { path: 'formData.nickname', message: '“nickname”不是本表单的字段' },
    ]);
  });

  it('treats missing keys, null and empty arrays as not filled', () => {
    const problems = validateFormData(restaurant, { operatorName: null, cuisine: [] });
    expect(problems.map((p) => p.message)).toEqual([
      '请填写“经营者名称”',
      '请填写“经营者（法定代表人）身份证号码”',
      '请填写“经营场所地址”',
      '请填写“营业面积（平方米）”',
      '请填写“座位数”',
      '请选择“经营项目”',
      '请勾选“我已阅读并承诺履行消防安全告知承诺书”',
      '请填写“联系电话”',
    ]);
  });

  it('requires a required checkbox to be ticked', () => {
    const fields = [field({ key: 'authorised', label: '同意授权', type: 'checkbox', required: true })];
    expect(validateFormData(fields, { authorised: false })).toEqual([{ path: 'formData.authorised', message: '请勾选“同意授权”' }]);
    expect(validateFormData(fields, { authorised: true })).toEqual([]);
  });

  it('accepts an unticked optional checkbox but not a string in its place', () => {
    const fields = [field({ key: 'post', type: 'checkbox' })];
    expect(validateFormData(fields, { post: false })).toEqual([]);
    expect(validateFormData(fields, { post: 'true' })).toEqual([{ path: 'formData.post', message: '“post”只能勾选或不勾选' }]);
  });

  it('wants numbers in number fields and keeps them within bounds', () => {
    const fields = [field({ key: 'seats', label: '座位数', type: 'number', min: 1, max: 500 })];
    expect(validateFormData(fields, { seats: '20' })).toEqual([{ path: 'formData.seats', message: '“座位数”应填写数字' }]);
    expect(validateFormData(fields, { seats: Number.NaN })).toEqual([{ path: 'formData.seats', message: '“座位数”应填写数字' }]);
    expect(validateFormData(fields, { seats: 0 })).toEqual([{ path: 'formData.seats', message: '“座位数”不能小于 1' }]);
    expect(validateFormData(fields, { seats: 501 })).toEqual([{ path: 'formData.seats', message: '“座位数”不能大于 500' }]);
    expect(validateFormData(fields, { seats: 500 })).toEqual([]);
  });

  it('counts the length of text in characters, so Chinese names are not penalised', () => {
    const fields = [field({ key: 'name', label: '姓名', type: 'textfield', minLength: 2, maxLength: 4 })];
    expect(validateFormData(fields, { name: '张' })).toEqual([{ path: 'formData.name', message: '“姓名”不能少于 2 个字' }]);
    expect(validateFormData(fields, { name: '欧阳娜娜' })).toEqual([]);
    expect(validateFormData(fields, { name: '欧阳娜娜娜' })).toEqual([{ path: 'formData.name', message: '“姓名”不能超过 4 个字' }]);
  });

  it('tests a pattern the way form-js does, so an unanchored pattern matches anywhere', () => {
    const fields = [field({ key: 'code', type: 'textfield', pattern: '\\d{3}' })];
    expect(validateFormData(fields, { code: 'ab123cd' })).toEqual([]);
    expect(validateFormData(fields, { code: 'ab12' })).toHaveLength(1);
  });

  it('wants text in text fields', () => {
    const fields = [field({ key: 'address', label: '地址', type: 'textarea' })];
    expect(validateFormData(fields, { address: 12 })).toEqual([{ path: 'formData.address', message: '“地址”应填写文字' }]);
  });

  it('checks every chosen value of a checklist and refuses anything but a list of strings', () => {
    const cuisine = 'formData.cuisine';
    expect(validateFormData(restaurant, { ...validRestaurant(), cuisine: ['drinks', 'bbq', 'wine'] })).toEqual([
      { path: cuisine, message: '“经营项目”中的“bbq”不是可选项' },
      { path: cuisine, message: '“经营项目”中的“wine”不是可选项' },
    ]);
    expect(validateFormData(restaurant, { ...validRestaurant(), cuisine: 'drinks' })).toEqual([{ path: cuisine, message: '“经营项目”的选择无效' }]);
    expect(validateFormData(restaurant, { ...validRestaurant(), cuisine: ['drinks', 3] })).toEqual([{ path: cuisine, message: '“经营项目”的选择无效' }]);
  });

  it('accepts a select with options loaded at run time (no static values) as long as it is a string', () => {
    const fields = [field({ key: 'street', type: 'select' })];
    expect(validateFormData(fields, { street: 'anything' })).toEqual([]);
    expect(validateFormData(fields, { street: ['a'] })).toEqual([{ path: 'formData.street', message: '“street”的选择无效' }]);
  });

  it.each(['2024-05-01', '2024-05-01T09:30', '2024-05-01T09:30:00Z', '2024-05-01T09:30:00.000+08:00'])('accepts the date %s', (value) => {
    expect(validateFormData([field({ key: 'd', type: 'datetime' })], { d: value })).toEqual([]);
  });

  it.each(['2024-5-1', '2024-13-01', '2023-02-29', '01/05/2024', '2024-05-01T25:00', 20240501])('refuses the date %j', (value) => {
    expect(validateFormData([field({ key: 'd', type: 'datetime' })], { d: value })).toHaveLength(1);
  });

  it('ignores keys starting with an underscore, which the portal uses for its own bookkeeping', () => {
    expect(validateFormData(residencePermit, { ...validResidencePermit, _step: 2 })).toEqual([]);
  });

  it('finds grouped fields under their path and reports unknown keys inside the group', () => {
    const fields = formFieldsOf(form({ type: 'group', path: 'agent', components: [{ type: 'textfield', key: 'name', label: '代理人姓名', validate: { required: true } }] }));
    expect(validateFormData(fields, { agent: { name: '李四' } })).toEqual([]);
    expect(validateFormData(fields, { agent: { phone: '1' } })).toEqual([
      { path: 'formData.agent.name', message: '请填写“代理人姓名”' },
      { path: 'formData.agent.phone', message: '“agent.phone”不是本表单的字段' },
    ]);
  });

  it('accepts a correct minimum living allowance application with numbers and a consent', () => {
    const data = {
      applicantName: '王五', applicantIdNumber: '11010519491231002X', address: '沈阳市大东区', familySize: 3,
      monthlyIncome: 1200.5, reason: '家庭成员患病', authorised: true, phone: '15900001111',
    };
    expect(validateFormData(allowance, data)).toEqual([]);
  });
});

function validRestaurant(): Record<string, unknown> {
  return {
    operatorName: '沈阳小吃店', operatorIdNumber: '11010519491231002X', premisesAddress: '沈阳市沈河区', floorArea: 80,
    seats: 30, cuisine: ['hot-food'], fireCommitment: true, phone: '13912345678',
  };
}

describe('prefillFormData', () => {
  it('copies what the platform knows into the fields the form has', () => {
    // given what the platform knows about the applicant
    const known = { name: '张三', idNumber: '11010519491231002X', phone: '13812345678', email: 'a@b.cn' };

    // when the residence permit form is prefilled
    const { data, prefilled } = prefillFormData(residencePermit, known);

    // then the matching fields are filled, and nothing the form lacks
    expect(data).toEqual({ name: '张三', idNumber: '11010519491231002X', phone: '13812345678' });
    expect(prefilled).toEqual(['name', 'idNumber', 'phone']);
  });

  it('leaves a field empty when the known value would fail its checks', () => {
    const { data, prefilled } = prefillFormData(residencePermit, { phone: '024-12345678', basis: 'tourism', residentSince: '', name: null });
    expect(data).toEqual({});
    expect(prefilled).toEqual([]);
  });

  it('does not prefill an unticked required consent', () => {
    expect(prefillFormData(allowance, { authorised: false }).prefilled).toEqual([]);
    expect(prefillFormData(allowance, { authorised: true, familySize: 3 }).data).toEqual({ familySize: 3, authorised: true });
  });

  it('prefills grouped fields under their path', () => {
    const fields = formFieldsOf(form({ type: 'group', path: 'agent', components: [{ type: 'textfield', key: 'name' }] }));
    expect(prefillFormData(fields, { agent: { name: '李四' } })).toEqual({ data: { agent: { name: '李四' } }, prefilled: ['agent.name'] });
  });

  it('produces data that passes validation for the fields it filled', () => {
    const { data } = prefillFormData(residencePermit, validResidencePermit);
    expect(validateFormData(residencePermit, data)).toEqual([]);
  });
});
