// Forms (form-js schemas) and decisions (DMN) that a process model links to: checked on save,
// and the links of a model (user task forms, business rule task decisions, called processes)
// so lint and deploy can refuse a model whose linked form or decision does not exist.
import { BpmnModdle } from 'bpmn-moddle';
import { DmnModdle } from 'dmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import type { LintProblem } from './index.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks form-js schema text: JSON, an object of type "default" whose id is the expected form id and
 * whose components each have a type, field keys unique. Returns the problems (empty when fine).
 */
export function formSchemaProblems(text: string, expectedId: string): { schema: Record<string, unknown> | null; problems: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error: unknown) {
    return { schema: null, problems: [`not JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (!isRecord(parsed)) return { schema: null, problems: ['not a form-js schema: the JSON must be an object with "type": "default" and "components"'] };
  const problems: string[] = [];
  if (parsed.type !== 'default') problems.push('not a form-js schema: "type" must be "default"');
  if (parsed.id !== expectedId) problems.push(`the form id must be "${expectedId}" (it has ${typeof parsed.id === 'string' ? `"${parsed.id}"` : 'none'})`);
  if (!Array.isArray(parsed.components)) problems.push('not a form-js schema: "components" must be a list');
  const keys = new Set<string>();
  const visit = (components: unknown, path: string): void => {
    if (!Array.isArray(components)) return;
    components.forEach((component: unknown, index) => {
      const at = `${path}[${index}]`;
      if (!isRecord(component) || typeof component.type !== 'string' || component.type === '') {
        problems.push(`component ${at} has no "type"`);
        return;
      }
      if (typeof component.key === 'string') {
        if (keys.has(component.key)) problems.push(`field key "${component.key}" is used twice`);
        keys.add(component.key);
      }
      visit(component.components, `${at}.components`);
    });
  };
  visit(parsed.components, 'components');
  return { schema: problems.length === 0 ? parsed : null, problems };
}

/** A form-js schema with no fields yet. */
export function emptyFormSchema(id: string): string {
  return `${JSON.stringify({ type: 'default', id, schemaVersion: 18, components: [] }, null, 2)}\n`;
}

/** Checks DMN XML: readable by dmn-moddle, no unknown content, and it defines the expected decision. */
export async function decisionProblems(xml: string, expectedDecisionId: string): Promise<string[]> {
  let definitions: unknown;
  let warnings: unknown[];
  try {
    ({ rootElement: definitions, warnings } = await new DmnModdle().fromXML(xml, 'dmn:Definitions'));
  } catch (error: unknown) {
    return [`not DMN XML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`];
  }
  const problems = warnings.map((w) => (isRecord(w) && typeof w.message === 'string' ? w.message : String(w)))
    .filter((w) => /unparsable content|unknown type|unresolved reference/i.test(w))
    .map((w) => `invalid DMN content: ${w.split('\n')[0] ?? w}`);
  const elements = isRecord(definitions) && Array.isArray(definitions.drgElement) ? definitions.drgElement : [];
  const decisions = elements.filter((e: unknown) => isRecord(e) && e.$type === 'dmn:Decision').map((e: unknown) => (isRecord(e) ? String(e.id) : ''));
  if (!decisions.includes(expectedDecisionId)) problems.push(`the DMN must define the decision "${expectedDecisionId}" (it defines ${decisions.length ? decisions.map((d) => `"${d}"`).join(', ') : 'none'})`);
  return problems;
}

/** A DMN with one empty decision table (one input, one output) for a new decision. */
export function emptyDecision(id: string, name: string): string {
  const esc = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" id="Definitions_${esc(id)}" name="${esc(name)}" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="${esc(id)}" name="${esc(name)}">
    <decisionTable id="DecisionTable_${esc(id)}" hitPolicy="COLLECT">
      <input id="Input_1" label="input">
        <inputExpression id="InputExpression_1" typeRef="string"><text>input</text></inputExpression>
      </input>
      <output id="Output_1" label="output" name="output" typeRef="string" />
    </decisionTable>
  </decision>
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="DMNDiagram_1">
      <dmndi:DMNShape id="DMNShape_1" dmnElementRef="${esc(id)}"><dc:Bounds height="80" width="180" x="160" y="100" /></dmndi:DMNShape>
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</definitions>
`;
}

export interface ModelLinks {
  /** User tasks / start events with a linked form (zeebe:formDefinition formId). */
  forms: { elementId: string; formId: string }[];
  /** Business rule tasks with a called decision (zeebe:calledDecision decisionId). */
  decisions: { elementId: string; decisionId: string }[];
  /** Call activities with a static called process id (zeebe:calledElement processId). */
  calledProcesses: { elementId: string; processId: string }[];
  /** Call activities whose called process is a FEEL expression (known only at run time). */
  dynamicCalls: string[];
}

interface Node {
  $type: string;
  id?: string;
  [key: string]: unknown;
}
const isNode = (value: unknown): value is Node => isRecord(value) && typeof value.$type === 'string';

/** The forms, decisions and processes a BPMN model links to by static id (FEEL expressions are skipped). */
export async function modelLinks(xml: string): Promise<ModelLinks> {
  const { rootElement } = await new BpmnModdle({ zeebe: zeebeSchema }).fromXML(xml, 'bpmn:Definitions');
  const links: ModelLinks = { forms: [], decisions: [], calledProcesses: [], dynamicCalls: [] };
  const seen = new Set<unknown>();
  const visit = (node: unknown, owner: string | null): void => {
    if (!isNode(node) || seen.has(node)) return;
    seen.add(node);
    const elementId = node.$type.startsWith('zeebe:') ? owner : (node.id ?? owner);
    const value = (key: string) => (typeof node[key] === 'string' && !String(node[key]).startsWith('=') ? String(node[key]) : null);
    if (elementId && node.$type === 'zeebe:FormDefinition' && value('formId')) links.forms.push({ elementId, formId: String(value('formId')) });
    if (elementId && node.$type === 'zeebe:CalledDecision' && value('decisionId')) links.decisions.push({ elementId, decisionId: String(value('decisionId')) });
    if (elementId && node.$type === 'zeebe:CalledElement' && value('processId')) links.calledProcesses.push({ elementId, processId: String(value('processId')) });
    if (elementId && node.$type === 'zeebe:CalledElement' && typeof node.processId === 'string' && node.processId.startsWith('=')) links.dynamicCalls.push(elementId);
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith('$') || key.endsWith('Ref') || ['incoming', 'outgoing', 'default', 'attachedToRef'].includes(key)) continue;
      if (Array.isArray(child)) child.forEach((c: unknown) => visit(c, elementId));
      else visit(child, elementId);
    }
  };
  visit(rootElement, null);
  return links;
}

/** Lint problems for links to forms and decisions the platform does not have. */
export function linkProblems(links: ModelLinks, available: { forms: ReadonlySet<string>; decisions: ReadonlySet<string> }): LintProblem[] {
  return [
    ...links.forms.filter((l) => !available.forms.has(l.formId)).map((l) => ({
      elementId: l.elementId, rule: 'gov/linked-form-exists', category: 'error' as const,
      message: `Linked form "${l.formId}" does not exist: create it in the form editor (or fix the form ID)`,
    })),
    ...links.decisions.filter((l) => !available.decisions.has(l.decisionId)).map((l) => ({
      elementId: l.elementId, rule: 'gov/linked-decision-exists', category: 'error' as const,
      message: `Called decision "${l.decisionId}" does not exist: create it in the decision editor (or fix the decision ID)`,
    })),
  ];
}
