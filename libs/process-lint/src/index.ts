// The platform's BPMN lint set, one definition for the designer's canvas (bpmn-js-bpmnlint) and the
// API (save / deploy refuse models with errors): bpmnlint's recommended rules, Camunda 8.8
// compatibility (bpmnlint-plugin-camunda-compat) and our own rules (plug-in "gov").
import { BpmnModdle } from 'bpmn-moddle';
import { Linter } from 'bpmnlint';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { GOV_RULES } from './gov-rules.js';
import { CAMUNDA_COMPAT_LEVELS, CAMUNDA_COMPAT_RULES, RECOMMENDED_RULES } from './rule-modules.js';

export { GOV_RULES, RESULT_JOB_TYPE, jobType, taskHeaders, type GovRule, type ModdleNode } from './gov-rules.js';

type Level = 'error' | 'warn' | 'off';

/** Recommended rules, tuned to what the engine runs (it runs inclusive gateways). */
const RECOMMENDED_LEVELS: Record<string, Level> = {
  'ad-hoc-sub-process': 'error', 'conditional-flows': 'error', 'end-event-required': 'error', 'event-based-gateway': 'error',
  'event-sub-process-typed-start-event': 'error', 'fake-join': 'warn', 'global': 'warn', 'label-required': 'error', 'link-event': 'error',
  'no-bpmndi': 'error', 'no-complex-gateway': 'error', 'no-disconnected': 'error', 'no-duplicate-sequence-flows': 'error',
  'no-gateway-join-fork': 'error', 'no-implicit-split': 'error', 'no-implicit-end': 'error', 'no-implicit-start': 'error',
  'no-inclusive-gateway': 'off', 'no-overlapping-elements': 'warn', 'single-blank-start-event': 'error', 'single-event-definition': 'error',
  'start-event-required': 'error', 'sub-process-blank-start-event': 'error', 'superfluous-gateway': 'warn', 'superfluous-termination': 'warn',
};

const COMPAT_CONFIG = { version: '8.8' };

/** bpmnlint configuration: every rule by name with its level (and the Camunda version for the compat rules). */
export const LINT_CONFIG: { rules: Record<string, Level | [Level, unknown]> } = {
  rules: {
    ...RECOMMENDED_LEVELS,
    ...Object.fromEntries(Object.entries(CAMUNDA_COMPAT_LEVELS).map(([name, level]) => [`camunda-compat/${name}`, [level, COMPAT_CONFIG]])),
    ...Object.fromEntries(Object.keys(GOV_RULES).map((name) => [`gov/${name}`, 'error' as const])),
  },
};

/** Resolves rule names to the statically imported rule factories (bpmnlint's resolver interface). */
export const LINT_RESOLVER = {
  resolveRule(pkg: string, ruleName: string): unknown {
    if (pkg === 'bpmnlint') return RECOMMENDED_RULES[ruleName];
    if (pkg === 'bpmnlint-plugin-camunda-compat') return CAMUNDA_COMPAT_RULES[ruleName];
    if (pkg === 'bpmnlint-plugin-gov') return GOV_RULES[ruleName];
    return undefined;
  },
  resolveConfig(pkg: string, configName: string): never {
    throw new Error(`unknown lint configuration ${pkg}/${configName}`);
  },
};

/** What bpmn-js-bpmnlint expects as `linting.bpmnlint`. */
export const LINTER_CONFIG = { config: LINT_CONFIG, resolver: LINT_RESOLVER };

export interface LintProblem {
  /** The element concerned (its id), or null for the whole model. */
  elementId: string | null;
  rule: string;
  message: string;
  category: 'error' | 'warn' | 'info';
}

export interface LintResult {
  /** The XML could not be read at all (not BPMN, not well-formed): nothing else was checked. */
  parseError: string | null;
  problems: LintProblem[];
  errors: number;
  warnings: number;
}

function moddle(): BpmnModdle {
  return new BpmnModdle({ zeebe: zeebeSchema });
}

/** Lints BPMN XML with the platform's rule set. */
export async function lintXml(xml: string): Promise<LintResult> {
  let rootElement: unknown;
  try {
    const read = await moddle().fromXML(xml, 'bpmn:Definitions');
    rootElement = read.rootElement;
    const unknownParts = read.warnings.map((w) => (typeof w === 'object' && w !== null && 'message' in w ? String(w.message) : String(w)))
      .filter((w) => /unparsable content|unknown type|failed to parse|unresolved reference/i.test(w));
    if (unknownParts.length > 0) return { parseError: unknownParts.join('; '), problems: [], errors: 1, warnings: 0 };
  } catch (error: unknown) {
    return { parseError: error instanceof Error ? error.message : String(error), problems: [], errors: 1, warnings: 0 };
  }
  const results = await new Linter({ config: LINT_CONFIG, resolver: LINT_RESOLVER }).lint(rootElement);
  const problems: LintProblem[] = [];
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      const category = report.category === 'error' || report.category === 'rule-error' ? 'error' : report.category === 'warn' ? 'warn' : 'info';
      problems.push({ elementId: report.id ?? null, rule, message: report.message, category });
    }
  }
  return { parseError: null, problems, errors: problems.filter((p) => p.category === 'error').length, warnings: problems.filter((p) => p.category === 'warn').length };
}

interface Element {
  $type: string;
  $instanceOf(type: string): boolean;
  [property: string]: unknown;
}

const isElement = (value: unknown): value is Element =>
  typeof value === 'object' && value !== null && '$instanceOf' in value && typeof value.$instanceOf === 'function' && '$type' in value && typeof value.$type === 'string';

function walk(value: unknown, visit: (element: Element) => void, seen = new Set<unknown>()): void {
  if (!isElement(value) || seen.has(value)) return;
  seen.add(value);
  visit(value);
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('$') || key.endsWith('Ref') || key === 'incoming' || key === 'outgoing' || key === 'default' || key === 'attachedToRef') continue;
    if (Array.isArray(child)) child.forEach((c) => walk(c, visit, seen));
    else walk(child, visit, seen);
  }
}

/**
 * A copy of the model for a sandboxed test run that production can never react to: the process gets
 * its own id, every static job type and message / signal name is prefixed (no production worker or
 * message reaches it), called decisions and processes get `decisionPrefix` / `calledProcessPrefix` (their
 * sandboxed copies are deployed under those ids beside it) and user-task
 * listeners (which keep the production inbox in step) are removed.
 */
export async function sandboxModel(xml: string, options: { processId: string; prefix: string; decisionPrefix?: string; calledProcessPrefix?: string }): Promise<string> {
  const { rootElement } = await moddle().fromXML(xml, 'bpmn:Definitions');
  let processes = 0;
  walk(rootElement, (element) => {
    if (element.$instanceOf('bpmn:Process')) {
      element.id = options.processId;
      processes += 1;
    }
    if (element.$instanceOf('zeebe:TaskDefinition') && typeof element.type === 'string' && !element.type.startsWith('=')) element.type = `${options.prefix}${element.type}`;
    if (options.decisionPrefix && element.$instanceOf('zeebe:CalledDecision') && typeof element.decisionId === 'string' && !element.decisionId.startsWith('=')) {
      element.decisionId = `${options.decisionPrefix}${element.decisionId}`;
    }
    if (options.calledProcessPrefix && element.$instanceOf('zeebe:CalledElement') && typeof element.processId === 'string' && !element.processId.startsWith('=')) {
      element.processId = `${options.calledProcessPrefix}${element.processId}`;
    }
    if ((element.$instanceOf('bpmn:Message') || element.$instanceOf('bpmn:Signal')) && typeof element.name === 'string' && !element.name.startsWith('=')) {
      element.name = `${options.prefix}${element.name}`;
    }
    const extensions = element.extensionElements;
    if (isElement(extensions) && Array.isArray(extensions.values)) {
      extensions.values = extensions.values.filter((v: unknown) => !(isElement(v) && v.$instanceOf('zeebe:TaskListeners')));
    }
  });
  if (processes !== 1) throw new Error(`a test run needs exactly one process in the model, found ${processes}`);
  return (await moddle().toXML(rootElement, { format: true })).xml;
}
export { TEMPLATE_FILES } from './element-templates.js';
export { decisionProblems, emptyDecision, emptyFormSchema, formSchemaProblems, linkProblems, modelLinks, type ModelLinks } from './resources.js';
