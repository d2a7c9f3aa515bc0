// The platform's own lint rules (bpmnlint rule factories, plug-in "gov"): what a model needs so the
// platform can run it as a service item. They read the moddle tree the modeler and the engine share.

/** The part of a moddle element the rules read. */
export interface ModdleNode {
  $type: string;
  id?: string;
  name?: string;
  $instanceOf(type: string): boolean;
  $parent?: ModdleNode;
  [property: string]: unknown;
}

interface Reporter {
  report(id: string | undefined, message: string, path?: (string | number)[]): void;
}

export type GovRule = () => { check(node: ModdleNode, reporter: Reporter): void };

const isNode = (value: unknown): value is ModdleNode =>
  typeof value === 'object' && value !== null && '$instanceOf' in value && typeof value.$instanceOf === 'function' && '$type' in value && typeof value.$type === 'string';

const is = (node: unknown, type: string): node is ModdleNode => isNode(node) && node.$instanceOf(type);

/** The moddle elements in a list property (empty when absent). */
const nodes = (value: unknown): ModdleNode[] => (Array.isArray(value) ? value.filter(isNode) : []);

function extensions(node: ModdleNode, type: string): ModdleNode[] {
  const container = node.extensionElements;
  if (!is(container, 'bpmn:ExtensionElements')) return [];
  return nodes(container.values).filter((v) => v.$instanceOf(type));
}

/** Not a type guard: for checks on an element already known to be a moddle element. */
const isType = (node: ModdleNode, type: string): boolean => node.$instanceOf(type);

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Task headers of an element as a map. */
export function taskHeaders(node: ModdleNode): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const block of extensions(node, 'zeebe:TaskHeaders')) {
    for (const header of nodes(block.values)) {
      if (typeof header.key === 'string') headers[header.key] = text(header.value);
    }
  }
  return headers;
}

export function jobType(node: ModdleNode): string | null {
  const definition = extensions(node, 'zeebe:TaskDefinition')[0];
  return definition ? text(definition.type) || null : null;
}

/** Job type of the service task that ends a case with its result (libs/contracts CASE_RESULT_JOB). */
export const RESULT_JOB_TYPE = 'case.result';

/** Every user task is someone's work: a candidate group (department) or an assignee. */
const userTaskAssignment: GovRule = () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    const assignment = extensions(node, 'zeebe:AssignmentDefinition')[0];
    if (!assignment || (!text(assignment.candidateGroups) && !text(assignment.assignee))) {
      reporter.report(node.id, '用户任务必须指定候选部门（候选组）或办理人 / a user task needs a candidate group (department) or an assignee');
    }
  },
});

/** An approval (user task with header stage=approval) has a due date (zeebe:taskSchedule dueDate). */
const approvalDueDate: GovRule = () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:UserTask') || taskHeaders(node).stage !== 'approval') return;
    const schedule = extensions(node, 'zeebe:TaskSchedule')[0];
    if (!schedule || !text(schedule.dueDate)) reporter.report(node.id, '审批任务必须设置办理期限（截止时间）/ an approval needs a due date');
  },
});

/**
 * A service item ends a case through a result task (case.result) before every end event of the
 * process, so the applicant always learns the outcome; a process without such an end is refused.
 */
const resultBeforeEnd: GovRule = () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:Process')) return;
    const elements = nodes(node.flowElements);
    const ends = elements.filter((e) => is(e, 'bpmn:EndEvent') && !(Array.isArray(e.eventDefinitions) && e.eventDefinitions.length > 0));
    if (ends.length === 0) {
      reporter.report(node.id, '办事流程必须有结束事件，且其前为“办结”任务（case.result）/ the process needs an end event preceded by a result task');
      return;
    }
    for (const end of ends) {
      // The flows that end here, read from the flows themselves (an element's <incoming> list may be incomplete).
      // Between the result and the end there may be exclusive gateways and the counter's hand-back
      // step (stage hand-back: the result is handed over at the window that accepted the case).
      const setsResult = (target: ModdleNode, seen: Set<ModdleNode>): boolean => {
        const incoming = elements.filter((e) => is(e, 'bpmn:SequenceFlow') && e.targetRef === target);
        return incoming.length > 0 && incoming.every((flow) => {
          const source: unknown = flow.sourceRef;
          if (!isNode(source) || seen.has(source)) return false;
          if (is(source, 'bpmn:ServiceTask') && jobType(source) === RESULT_JOB_TYPE) return true;
          const passes = is(source, 'bpmn:ExclusiveGateway') || (is(source, 'bpmn:UserTask') && taskHeaders(source).stage === 'hand-back');
          return passes && setsResult(source, new Set([...seen, source]));
        });
      };
      if (!setsResult(end, new Set())) reporter.report(end.id, '结束事件之前必须是“办结”任务（case.result）以设置办理结果 / an end event must follow a result task (case.result)');
    }
  },
});

/** Element types the platform's engine runs (libs/engine README, compatibility table). */
const SUPPORTED_TYPES = [
  'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent',
  'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:ScriptTask', 'bpmn:UserTask', 'bpmn:BusinessRuleTask', 'bpmn:ReceiveTask', 'bpmn:ManualTask',
  'bpmn:CallActivity', 'bpmn:SubProcess', 'bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:InclusiveGateway', 'bpmn:EventBasedGateway',
  'bpmn:SequenceFlow',
] as const;
const PLAIN_TASK = 'bpmn:Task';
const SUPPORTED_EVENT_DEFINITIONS = [
  'bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition', 'bpmn:SignalEventDefinition', 'bpmn:ErrorEventDefinition',
  'bpmn:EscalationEventDefinition', 'bpmn:TerminateEventDefinition', 'bpmn:LinkEventDefinition',
];

/** Only what the engine runs: flow elements of supported types and event definitions. */
const engineSupported: GovRule = () => ({
  check(node, reporter) {
    if (isType(node, 'bpmn:Collaboration')) {
      reporter.report(node.id, '不支持泳池/协作图（pool / collaboration），请只建一个流程 / pools and collaborations are not supported');
      return;
    }
    if (!isType(node, 'bpmn:FlowNode') && !isType(node, 'bpmn:SequenceFlow')) return;
    if (isType(node, 'bpmn:Transaction') || isType(node, 'bpmn:AdHocSubProcess')) {
      reporter.report(node.id, `引擎不支持 ${node.$type} / the engine does not run ${node.$type}`);
      return;
    }
    const supported = node.$type === PLAIN_TASK || SUPPORTED_TYPES.some((type) => node.$type === type);
    if (!supported) {
      reporter.report(node.id, `引擎不支持 ${node.$type} / the engine does not run ${node.$type}`);
      return;
    }
    const definitions = nodes(node.eventDefinitions);
    for (const definition of definitions) {
      if (!SUPPORTED_EVENT_DEFINITIONS.includes(definition.$type)) {
        reporter.report(node.id, `引擎不支持 ${definition.$type} 事件 / the engine does not run ${definition.$type}`);
      }
    }
  },
});

export const GOV_RULES: Record<string, GovRule> = {
  'user-task-assignment': userTaskAssignment,
  'approval-due-date': approvalDueDate,
  'result-before-end': resultBeforeEnd,
  'engine-supported': engineSupported,
};
