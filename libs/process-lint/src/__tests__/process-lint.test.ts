import { readdirSync, readFileSync } from 'node:fs';
import { validateZeebe } from '@bpmn-io/element-templates-validator';
import { ELEMENT_TEMPLATES } from '@gov/contracts';
import { describe, expect, it } from 'vitest';
import { lintXml, sandboxModel, TEMPLATE_FILES } from '../index.js';

const processes = new URL('../../../../processes/', import.meta.url);
const seedModels = readdirSync(processes, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) =>
  readdirSync(new URL(`${d.name}/`, processes)).filter((f) => f.endsWith('.bpmn')).map((f) => ({ name: `${d.name}/${f}`, xml: readFileSync(new URL(`${d.name}/${f}`, processes), 'utf8') })));

const model = (body: string, shapes = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="p" isExecutable="true">${body}</bpmn:process>
  <bpmndi:BPMNDiagram id="dg"><bpmndi:BPMNPlane id="pl" bpmnElement="p">${shapes}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

const shape = (id: string, x: number) => `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="100" width="100" height="80" /></bpmndi:BPMNShape>`;
const edge = (id: string, x: number) => `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="${x}" y="140" /><di:waypoint x="${x + 50}" y="140" /></bpmndi:BPMNEdge>`;

/** start → approve (user task with the given extension elements) → result (case.result) → end */
function approvalModel(extensions: string): string {
  return model(`
    <bpmn:startEvent id="start" name="提交"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="approve" name="审批"><bpmn:extensionElements><zeebe:userTask />${extensions}<zeebe:taskHeaders><zeebe:header key="stage" value="approval" /></zeebe:taskHeaders></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:serviceTask id="result" name="办结"><bpmn:extensionElements><zeebe:taskDefinition type="case.result" /><zeebe:taskHeaders><zeebe:header key="outcome" value="approved" /></zeebe:taskHeaders></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="end" name="结束"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
    <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="result" />
    <bpmn:sequenceFlow id="f3" sourceRef="result" targetRef="end" />`,
  shape('start', 0) + shape('approve', 200) + shape('result', 400) + shape('end', 600) + edge('f1', 100) + edge('f2', 300) + edge('f3', 500));
}

describe('the platform lint set', () => {
  it.each(seedModels)('passes the seed model $name without errors', async ({ xml }) => {
    const result = await lintXml(xml);
    expect(result.parseError).toBeNull();
    expect(result.problems.filter((p) => p.category === 'error')).toEqual([]);
  });

  it('reports an approval without candidate group or due date at the element', async () => {
    const bare = await lintXml(approvalModel(''));
    const rules = bare.problems.filter((p) => p.elementId === 'approve' && p.category === 'error').map((p) => p.rule);
    expect(rules).toEqual(expect.arrayContaining(['gov/user-task-assignment', 'gov/approval-due-date']));
    const fixed = await lintXml(approvalModel('<zeebe:assignmentDefinition candidateGroups="/沈阳市/公安局" /><zeebe:taskSchedule dueDate="=statutoryDueDate" />'));
    expect(fixed.problems.filter((p) => p.category === 'error')).toEqual([]);
  });

  it('wants a result task before every end event', async () => {
    const xml = approvalModel('<zeebe:assignmentDefinition candidateGroups="/沈阳市/公安局" /><zeebe:taskSchedule dueDate="=statutoryDueDate" />')
      .replace('<bpmn:sequenceFlow id="f3" sourceRef="result" targetRef="end" />', '<bpmn:sequenceFlow id="f3" sourceRef="result" targetRef="end" /><bpmn:sequenceFlow id="f4" sourceRef="start" targetRef="end" />');
    const result = await lintXml(xml);
    expect(result.problems).toContainEqual(expect.objectContaining({ elementId: 'end', rule: 'gov/result-before-end', category: 'error' }));
  });

  it('refuses constructs the engine does not run', async () => {
    const xml = approvalModel('<zeebe:assignmentDefinition candidateGroups="/沈阳市/公安局" /><zeebe:taskSchedule dueDate="=statutoryDueDate" />')
      .replace('<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve" />', '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve" /><bpmn:complexGateway id="cg" />');
    const result = await lintXml(xml);
    expect(result.problems).toContainEqual(expect.objectContaining({ elementId: 'cg', rule: 'gov/engine-supported', category: 'error' }));
  });

  it('says when the XML is not BPMN at all', async () => {
    expect((await lintXml('<nope')).parseError).toEqual(expect.any(String));
    expect((await lintXml('{"json": true}')).parseError).toEqual(expect.any(String));
    // a diagram drawing a process that is not there (e.g. a renamed process id)
    const dangling = await lintXml(approvalModel('').replace('bpmnElement="p"', 'bpmnElement="gone"'));
    expect(dangling.parseError).toContain('unresolved reference');
  });

  it('makes a sandbox copy production cannot reach: own process id, prefixed job types and messages, no inbox listeners', async () => {
    const seed = seedModels.find((m) => m.name.endsWith('residence-permit.bpmn'));
    const copy = await sandboxModel(seed?.xml ?? '', { processId: 'sandbox-residence-permit', prefix: 'sandbox.' });
    expect(copy).toContain('id="sandbox-residence-permit"');
    expect(copy).toContain('type="sandbox.case.result"');
    expect(copy).toContain('name="sandbox.application-corrected"');
    expect(copy).not.toContain('inbox.sync');
    expect(copy).not.toMatch(/type="case\.result"/);
  });
});

describe('element templates', () => {
  it.each(Object.entries(TEMPLATE_FILES))('template file %s is valid against Camunda\'s Zeebe element-template schema', (_name, template) => {
    const result = validateZeebe(template);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it.each(ELEMENT_TEMPLATES.map((t) => [t.id, t] as const))('department system template %s is valid too', (_id, template) => {
    expect(validateZeebe(template).valid).toBe(true);
  });

  it('lets the department approval template leave the candidate department empty until chosen, with the statutory due date', () => {
    const approval = JSON.stringify(TEMPLATE_FILES['department-approval']);
    expect(approval).toContain('"property":"candidateGroups"');
    expect(approval).toContain('"value":"=statutoryDueDate"');
    expect(approval).toContain('"value":"inbox.sync"');
  });
});
