// Reads DMN XML with dmn-moddle (as the Camunda modeler does) into a DecisionRequirementsModel.
// Anything the engine cannot evaluate is rejected here, naming the element.
import { DmnModdle } from 'dmn-moddle';
import { ModelValidationError } from '../model/parse-bpmn.js';
import { isRecord } from '../runtime/json.js';
import type { Aggregation, DecisionModel, DecisionRequirementsModel, DecisionTable, HitPolicy } from './decision-model.js';

type Node = Record<string, unknown>;

function str(node: unknown, key: string): string | undefined {
  const value = isRecord(node) ? Reflect.get(node, key) : undefined;
  return typeof value === 'string' ? value : undefined;
}
function list(node: unknown, key: string): Node[] {
  const value = isRecord(node) ? Reflect.get(node, key) : undefined;
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
function child(node: unknown, key: string): Node | undefined {
  const value = isRecord(node) ? Reflect.get(node, key) : undefined;
  return isRecord(value) ? value : undefined;
}

const HIT_POLICIES = new Set<string>(['UNIQUE', 'FIRST', 'ANY', 'COLLECT', 'RULE ORDER', 'PRIORITY', 'OUTPUT ORDER']);
const AGGREGATIONS = new Set<string>(['SUM', 'MIN', 'MAX', 'COUNT']);
function isHitPolicy(value: string): value is HitPolicy {
  return HIT_POLICIES.has(value);
}
function isAggregation(value: string): value is Aggregation {
  return AGGREGATIONS.has(value);
}

/** Splits a comma-separated list of FEEL literals (output values), keeping quoted commas. */
function splitLiterals(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

export function isDmnResource(name: string): boolean {
  return name.toLowerCase().endsWith('.dmn');
}

export async function parseDmn(xml: string): Promise<DecisionRequirementsModel> {
  let definitions: unknown;
  let warnings: unknown[];
  try {
    ({ rootElement: definitions, warnings } = await new DmnModdle().fromXML(xml, 'dmn:Definitions'));
  } catch (error) {
    throw new ModelValidationError([`Failed to parse DMN XML: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const problems: string[] = [];
  for (const warning of warnings) {
    const message = str(warning, 'message') ?? String(warning);
    if (/unparsable content|unknown type|unresolved reference/i.test(message)) problems.push(`Unsupported or invalid content: ${message.split('\n')[0] ?? message}`);
  }
  const id = str(definitions, 'id') ?? '';
  if (id === '') problems.push('Expected the DMN definitions to have an id');
  const decisions: DecisionModel[] = [];
  for (const element of list(definitions, 'drgElement')) {
    if (str(element, '$type') !== 'dmn:Decision') continue; // input data and knowledge sources carry no behaviour
    const decision = parseDecision(element, problems);
    if (decision) decisions.push(decision);
  }
  if (decisions.length === 0) problems.push('Expected to find at least one decision, but found none');
  const ids = new Set(decisions.map((d) => d.id));
  for (const decision of decisions) {
    for (const required of decision.requires) {
      if (!ids.has(required)) problems.push(`Decision: ${decision.id}\n    - ERROR: requires decision '${required}', which is not in the resource`);
    }
  }
  if (problems.length > 0) throw new ModelValidationError(problems);
  const name = str(definitions, 'name');
  return { id, ...(name === undefined ? {} : { name }), decisions };
}

const ZEEBE_NS = 'http://camunda.org/schema/zeebe/1.0';

/**
 * The decision's version tag: `<extensionElements><zeebe:versionTag value="…"/>` in the Zeebe
 * namespace (as the Camunda modeler writes it). dmn-moddle keeps it as a generic element.
 */
function versionTagOf(element: Node): string | undefined {
  for (const extension of list(child(element, 'extensionElements'), 'values')) {
    const ns = child(Reflect.get(extension, '$descriptor'), 'ns');
    if (str(ns, 'uri') !== ZEEBE_NS || str(ns, 'localName') !== 'versionTag') continue;
    const value = str(extension, 'value');
    if (value !== undefined && value.trim() !== '') return value;
  }
  return undefined;
}

function parseDecision(element: Node, problems: string[]): DecisionModel | undefined {
  const id = str(element, 'id') ?? '?';
  const report = (problem: string): void => {
    problems.push(`Decision: ${id}\n    - ERROR: ${problem}`);
  };
  const requires = list(element, 'informationRequirement')
    .map((r) => str(child(r, 'requiredDecision'), 'href'))
    .filter((href): href is string => href !== undefined)
    .map((href) => href.replace(/^#/, ''));
  const logic = child(element, 'decisionLogic');
  const name = str(element, 'name');
  const versionTag = versionTagOf(element);
  const base = { id, ...(name === undefined ? {} : { name }), ...(versionTag === undefined ? {} : { versionTag }), requires };
  switch (str(logic, '$type')) {
    case 'dmn:DecisionTable': {
      const table = parseTable(logic ?? {}, report);
      return table ? { ...base, logic: table } : undefined;
    }
    case 'dmn:LiteralExpression': {
      const expression = str(logic, 'text') ?? '';
      const variableName = str(child(element, 'variable'), 'name') ?? id;
      if (expression.trim() === '') report('the literal expression is empty');
      return { ...base, logic: { kind: 'literal', variableName, expression } };
    }
    default:
      report(`decision logic '${str(logic, '$type') ?? 'none'}' is not supported (decision tables and literal expressions are)`);
      return undefined;
  }
}

function parseTable(table: Node, report: (problem: string) => void): DecisionTable | undefined {
  const hitPolicy = str(table, 'hitPolicy') ?? 'UNIQUE';
  if (!isHitPolicy(hitPolicy)) {
    report(`hit policy '${hitPolicy}' is not supported`);
    return undefined;
  }
  const aggregationText = str(table, 'aggregation');
  if (aggregationText !== undefined && (!isAggregation(aggregationText) || hitPolicy !== 'COLLECT')) {
    report(`aggregation '${aggregationText}' is only allowed with hit policy COLLECT and must be SUM, MIN, MAX or COUNT`);
    return undefined;
  }
  const inputs = list(table, 'input').map((input, index) => {
    const label = str(input, 'label');
    return { id: str(input, 'id') ?? `input${index}`, ...(label === undefined ? {} : { label }), expression: str(child(input, 'inputExpression'), 'text') ?? '' };
  });
  const outputs = list(table, 'output').map((output, index) => ({
    id: str(output, 'id') ?? `output${index}`,
    name: str(output, 'name') ?? '',
    values: splitLiterals(str(child(output, 'outputValues'), 'text') ?? ''),
  }));
  if (outputs.length === 0) report('the decision table has no output');
  if (outputs.length > 1 && outputs.some((o) => o.name === '')) report('every output of a decision table with several outputs needs a name');
  if (aggregationText !== undefined && outputs.length > 1) report('aggregation needs a decision table with a single output');
  const rules = list(table, 'rule').map((rule, index) => ({
    id: str(rule, 'id') ?? `rule${index}`,
    inputEntries: list(rule, 'inputEntry').map((entry) => str(entry, 'text') ?? ''),
    outputEntries: list(rule, 'outputEntry').map((entry) => str(entry, 'text') ?? ''),
  }));
  for (const rule of rules) {
    if (rule.inputEntries.length !== inputs.length || rule.outputEntries.length !== outputs.length) {
      report(`rule '${rule.id}' has ${rule.inputEntries.length} input and ${rule.outputEntries.length} output entries, expected ${inputs.length} and ${outputs.length}`);
    }
  }
  return { kind: 'table', hitPolicy, ...(aggregationText !== undefined && isAggregation(aggregationText) ? { aggregation: aggregationText } : {}), inputs, outputs, rules };
}
