import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decisionProblems, emptyDecision, emptyFormSchema, formSchemaProblems, linkProblems, modelLinks, sandboxModel } from '../index.js';

const processes = new URL('../../../../processes/', import.meta.url);

const model = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="p" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;

const linking = model(`
  <bpmn:userTask id="approve"><bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="approval-form" /></bpmn:extensionElements></bpmn:userTask>
  <bpmn:userTask id="dynamic"><bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="=formName" /></bpmn:extensionElements></bpmn:userTask>
  <bpmn:businessRuleTask id="route"><bpmn:extensionElements><zeebe:calledDecision decisionId="routing" resultVariable="route" /></bpmn:extensionElements></bpmn:businessRuleTask>
  <bpmn:callActivity id="sub"><bpmn:extensionElements><zeebe:calledElement processId="other-process" /></bpmn:extensionElements></bpmn:callActivity>
  <bpmn:callActivity id="any"><bpmn:extensionElements><zeebe:calledElement processId="=which" /></bpmn:extensionElements></bpmn:callActivity>`);

describe('form schemas', () => {
  it('accepts every seed form and an empty one', () => {
    const form = readFileSync(new URL('210100-GG-00003-C/residence-permit-application.form', processes), 'utf8');
    expect(formSchemaProblems(form, 'residence-permit-application')).toMatchObject({ problems: [] });
    expect(formSchemaProblems(emptyFormSchema('new-form'), 'new-form')).toMatchObject({ problems: [] });
  });

  it('names what is wrong: not JSON, not a form-js schema, another id, a component without type, a key used twice', () => {
    expect(formSchemaProblems('{"type":', 'f').problems[0]).toMatch(/^not JSON/);
    expect(formSchemaProblems('[]', 'f').problems[0]).toMatch(/not a form-js schema/);
    expect(formSchemaProblems(JSON.stringify({ type: 'default', id: 'g', components: [] }), 'f').problems).toEqual(['the form id must be "f" (it has "g")']);
    const twice = { type: 'default', id: 'f', components: [{ type: 'textfield', key: 'a' }, { type: 'group', components: [{ type: 'number', key: 'a' }, { key: 'b' }] }] };
    expect(formSchemaProblems(JSON.stringify(twice), 'f').problems).toEqual(['field key "a" is used twice', 'component components[1].components[1] has no "type"']);
  });
});

describe('decisions', () => {
  it('accepts the seed eligibility rules and a new empty table', async () => {
    const dmn = readFileSync(new URL('210100-GF-00001-H/minimum-living-allowance-eligibility.dmn', processes), 'utf8');
    expect(await decisionProblems(dmn, 'minimum-living-allowance-eligibility')).toEqual([]);
    expect(await decisionProblems(emptyDecision('routing', '分派'), 'routing')).toEqual([]);
  });

  it('refuses XML that is not DMN and DMN without the decision', async () => {
    expect((await decisionProblems('<definitions', 'x'))[0]).toMatch(/^not DMN XML/);
    expect(await decisionProblems(emptyDecision('routing', 'r'), 'other')).toEqual(['the DMN must define the decision "other" (it defines "routing")']);
  });
});

describe('model links', () => {
  it('finds static form, decision and process links with their elements (FEEL expressions skipped)', async () => {
    expect(await modelLinks(linking)).toEqual({
      forms: [{ elementId: 'approve', formId: 'approval-form' }],
      decisions: [{ elementId: 'route', decisionId: 'routing' }],
      calledProcesses: [{ elementId: 'sub', processId: 'other-process' }],
      dynamicCalls: ['any'],
    });
  });

  it('reports links to forms and decisions that do not exist as errors at the element', async () => {
    const problems = linkProblems(await modelLinks(linking), { forms: new Set(), decisions: new Set(['routing']) });
    expect(problems).toEqual([expect.objectContaining({ elementId: 'approve', rule: 'gov/linked-form-exists', category: 'error' })]);
  });

  it('sandboxes called decisions and processes under their own ids', async () => {
    const xml = await sandboxModel(linking, { processId: 'sandbox-p', prefix: 'sandbox.', decisionPrefix: 'sandbox-', calledProcessPrefix: 'sandbox-' });
    expect((await modelLinks(xml)).decisions).toEqual([{ elementId: 'route', decisionId: 'sandbox-routing' }]);
    expect((await modelLinks(xml)).calledProcesses).toEqual([{ elementId: 'sub', processId: 'sandbox-other-process' }]);
  });
});
