import { describe as group, expect, it } from 'vitest';
import { describe, modelDiff } from './revisionDiff';

const model = (tasks: string, shapes: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="p" isExecutable="true">${tasks}</bpmn:process>
  <bpmndi:BPMNDiagram id="dg"><bpmndi:BPMNPlane id="pl" bpmnElement="p">${shapes}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
const shape = (id: string, x: number) => `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="100" width="100" height="80" /></bpmndi:BPMNShape>`;

group('revision diff', () => {
  it('finds added, removed, renamed and moved elements', async () => {
    const before = model('<bpmn:task id="a" name="受理" /><bpmn:task id="b" name="审核" /><bpmn:task id="c" name="送达" />', shape('a', 0) + shape('b', 200) + shape('c', 400));
    const after = model('<bpmn:task id="a" name="受理预审" /><bpmn:task id="c" name="送达" /><bpmn:task id="d" name="会签" />', shape('a', 0) + shape('c', 450) + shape('d', 600));
    const result = await modelDiff(before, after);
    expect(result.added).toContain('d');
    expect(result.removed).toContain('b');
    expect(result.changed).toContainEqual({ elementId: 'a', property: 'name', before: '受理', after: '受理预审' });
    expect(result.moved).toContain('c');
  });

  it('prints values readably', () => {
    expect(describe(undefined)).toBe('—');
    expect(describe('x')).toBe('x');
    expect(describe({ $type: 'bpmn:Task', id: 't' })).toBe('bpmn:Task#t');
    expect(describe([1, 'a'])).toBe('[1, a]');
  });
});
