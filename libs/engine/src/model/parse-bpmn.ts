// Reads BPMN XML with bpmn-moddle + zeebe-bpmn-moddle (as the modeler does) and turns each
// executable process into a ProcessModel. Anything the engine cannot run is rejected here,
// naming the element: never a silent difference at run time.
import { readFileSync } from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import { expressionBody, isExpression, syntaxError } from '../feel/feel.js';
import { isRecord } from '../runtime/json.js';
import { parseCycle, parseDateTime, parseDuration } from './iso8601.js';
import type { ElementKind, FlowNode, Mapping, ProcessModel, SequenceFlow, TaskListener, TaskListenerEvent, TimerDefinition, UserTaskDefinition } from './process-model.js';

const zeebeSchema: unknown = JSON.parse(readFileSync(require.resolve('zeebe-bpmn-moddle/resources/zeebe.json'), 'utf8'));

export class ModelValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ModelValidationError';
  }
}

type Node = Record<string, unknown>;

function get(node: unknown, key: string): unknown {
  return isRecord(node) ? Reflect.get(node, key) : undefined;
}
function str(node: unknown, key: string): string | undefined {
  const value = get(node, key);
  return typeof value === 'string' ? value : undefined;
}
function list(node: unknown, key: string): Node[] {
  const value = get(node, key);
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
function typeOf(node: unknown): string {
  return str(node, '$type') ?? 'unknown';
}

const KINDS: Record<string, ElementKind> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
  'bpmn:Task': 'task',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:ScriptTask': 'scriptTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:UserTask': 'userTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:CallActivity': 'callActivity',
};
const TASKS = new Set<ElementKind>(['task', 'manualTask', 'serviceTask', 'sendTask', 'scriptTask', 'businessRuleTask', 'userTask', 'receiveTask']);
const ACTIVITIES = new Set<ElementKind>([...TASKS, 'subProcess', 'callActivity']);
/** Flow elements that carry no behaviour. */
const IGNORED = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);
const SUPPORTED_EXTENSIONS = new Set([
  'zeebe:TaskDefinition', 'zeebe:TaskHeaders', 'zeebe:IoMapping', 'zeebe:Subscription', 'zeebe:Script',
  'zeebe:UserTask', 'zeebe:AssignmentDefinition', 'zeebe:TaskSchedule', 'zeebe:FormDefinition',
  'zeebe:PriorityDefinition', 'zeebe:Properties', 'zeebe:VersionTag', 'zeebe:TaskListeners', 'zeebe:LoopCharacteristics', 'zeebe:CalledElement', 'zeebe:CalledDecision',
]);

/** Zeebe attributes missing from zeebe-bpmn-moddle's schema that the engine reads from `$attrs`. */
const KNOWN_EXTRA_ATTRIBUTES = new Set(['zeebe:errorCodeVariable', 'zeebe:errorMessageVariable']);

/** Task listener event types, with the names used before Camunda 8.8. */
const TASK_LISTENER_EVENTS: Record<string, TaskListenerEvent> = {
  creating: 'creating', create: 'creating', assigning: 'assigning', assignment: 'assigning',
  updating: 'updating', update: 'updating', completing: 'completing', complete: 'completing',
  canceling: 'canceling', cancel: 'canceling',
};

export const JOB_BASED_USER_TASK_TYPE = 'io.camunda.zeebe:userTask';

export async function parseBpmn(xml: string): Promise<ProcessModel[]> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  let definitions: unknown;
  let warnings: unknown[];
  try {
    ({ rootElement: definitions, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions'));
  } catch (error) {
    throw new ModelValidationError([`Failed to parse BPMN XML: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const problems: string[] = [];
  for (const warning of warnings) {
    const message = str(warning, 'message') ?? String(warning);
    // Unknown elements are dropped by moddle with a warning: that would be a silent difference.
    if (/unparsable content|unknown type|unresolved reference/i.test(message)) problems.push(`Unsupported or invalid content: ${message.split('\n')[0] ?? message}`);
    // Zeebe attributes this moddle schema lacks: the error variables are read, any other would be ignored silently.
    const attribute = /unknown attribute <(zeebe:[\w.-]+)>/.exec(message)?.[1];
    if (attribute !== undefined && !KNOWN_EXTRA_ATTRIBUTES.has(attribute)) {
      problems.push(`Element: ${str(get(warning, 'element'), 'id') ?? '?'} (${typeOf(get(warning, 'element'))})\n    - ERROR: The attribute '${attribute}' is not supported by this engine`);
    }
  }
  const processes = list(definitions, 'rootElements').filter((e) => typeOf(e) === 'bpmn:Process');
  const executable = processes.filter((p) => get(p, 'isExecutable') !== false);
  if (executable.length === 0) problems.push('Expected to find at least one executable process, but found none');
  const models = executable.map((p) => parseProcess(p, problems));
  if (problems.length > 0) throw new ModelValidationError(problems);
  return models;
}

function parseProcess(process: Node, problems: string[]): ProcessModel {
  const bpmnProcessId = str(process, 'id') ?? '';
  if (!/^[A-Za-z_][\w.-]*$/.test(bpmnProcessId)) problems.push(`Process id '${bpmnProcessId}' is not a valid id`);
  if (list(process, 'laneSets').length > 0) {
    // Lanes are only visual: accepted.
  }
  const model: ProcessModel = { bpmnProcessId, elements: {}, messageStartEvents: [], signalStartEvents: [], timerStartEvents: [], eventSubProcessIds: [] };
  const name = str(process, 'name');
  if (name !== undefined) model.name = name;
  const versionTag = str(list(get(process, 'extensionElements'), 'values').find((e) => typeOf(e) === 'zeebe:VersionTag'), 'value');
  if (versionTag !== undefined && versionTag.trim() !== '') model.versionTag = versionTag;
  const report = (element: Node, problem: string): void => {
    problems.push(`Element: ${str(element, 'id') ?? '?'} (${typeOf(element)})\n    - ERROR: ${problem}`);
  };
  parseContainer(process, undefined, model, report);
  linkEvents(model, problems);
  const starts = Object.values(model.elements).filter((n) => n.kind === 'startEvent' && n.parentId === undefined);
  for (const start of starts) {
    const where = `Element: ${start.id} (bpmn:StartEvent)\n    - ERROR: `;
    if (start.errorStart || start.escalationCatch) problems.push(`${where}Error and escalation start events are only allowed in event subprocesses`);
    if (start.message && isExpression(start.message.name)) problems.push(`${where}Message start events must have a static message name`);
    if (start.signal && isExpression(start.signal.name)) problems.push(`${where}Signal start events must have a static signal name`);
  }
  const noneStarts = starts.filter((n) => !n.message && !n.signal && !n.timer && !n.errorStart && !n.escalationCatch);
  if (noneStarts.length > 1) problems.push(`Process '${bpmnProcessId}': multiple none start events are not allowed`);
  if (starts.length === 0) problems.push(`Process '${bpmnProcessId}': must have at least one start event`);
  if (noneStarts[0]) model.noneStartEventId = noneStarts[0].id;
  for (const start of starts) if (start.message) model.messageStartEvents.push({ elementId: start.id, messageName: start.message.name });
  for (const start of starts) if (start.signal) model.signalStartEvents.push({ elementId: start.id, signalName: start.signal.name });
  for (const start of starts) if (start.timer) model.timerStartEvents.push({ elementId: start.id, timer: start.timer });
  return model;
}

/** Reads the flow elements of a process or embedded subprocess into the model. */
function parseContainer(container: Node, parentId: string | undefined, model: ProcessModel, report: (element: Node, problem: string) => void): void {
  const flows: Node[] = [];
  for (const element of list(container, 'flowElements')) {
    const type = typeOf(element);
    if (type === 'bpmn:SequenceFlow') {
      flows.push(element);
      continue;
    }
    if (IGNORED.has(type)) continue;
    const kind = KINDS[type];
    if (!kind) {
      report(element, `The element type '${type}' is not supported by this engine`);
      continue;
    }
    const node = parseNode(element, kind, (p) => report(element, p));
    if (parentId !== undefined) node.parentId = parentId;
    model.elements[node.id] = node;
    if (kind === 'subProcess') {
      parseContainer(element, node.id, model, report);
      const innerStarts = Object.values(model.elements).filter((n) => n.parentId === node.id && n.kind === 'startEvent');
      const start = innerStarts[0];
      if (get(element, 'triggeredByEvent') === true) {
        node.triggeredByEvent = true;
        if (innerStarts.length !== 1 || !start || !(start.message || start.signal || start.timer || start.errorStart || start.escalationCatch)) {
          report(element, 'An event subprocess must have exactly one start event with a message, timer, signal or error definition');
        } else {
          node.startEventId = start.id;
          if (start.errorStart && start.cancelActivity === false) report(element, 'Error start events are always interrupting');
          if (start.timer?.kind === 'cycle' && start.cancelActivity !== false) report(element, 'Timer cycles need a non-interrupting start event');
          if (start.message && start.message.correlationKey === undefined) report(element, "The message start event needs a correlation key ('zeebe:subscription')");
        }
        if (parentId === undefined) model.eventSubProcessIds.push(node.id);
        else {
          const container = model.elements[parentId];
          if (container) (container.eventSubProcessIds ??= []).push(node.id);
        }
      } else if (innerStarts.length !== 1 || start?.message || start?.signal || start?.timer || start?.errorStart || start?.escalationCatch) {
        report(element, 'An embedded subprocess must have exactly one none start event');
      } else node.startEventId = start?.id;
    }
  }
  for (const flow of flows) {
    const source = get(flow, 'sourceRef');
    const target = get(flow, 'targetRef');
    const sequenceFlow: SequenceFlow = { id: str(flow, 'id') ?? '', sourceId: str(source, 'id') ?? '', targetId: str(target, 'id') ?? '' };
    const condition = str(get(flow, 'conditionExpression'), 'body');
    const sourceNode = model.elements[sequenceFlow.sourceId];
    const targetNode = model.elements[sequenceFlow.targetId];
    if (!sourceNode || !targetNode) {
      report(flow, 'The sequence flow must connect two supported flow nodes');
      continue;
    }
    if (sourceNode.parentId !== targetNode.parentId) report(flow, 'A sequence flow must not cross the boundary of a subprocess');
    if (condition !== undefined && condition.trim() !== '') {
      const body = isExpression(condition) ? expressionBody(condition) : condition;
      const error = syntaxError(body);
      if (error) report(flow, `Invalid FEEL condition '${condition}': ${error}`);
      if (sourceNode.kind !== 'exclusiveGateway' && sourceNode.kind !== 'inclusiveGateway') report(flow, 'Conditional sequence flows are only supported as outgoing flows of exclusive and inclusive gateways');
      sequenceFlow.condition = body;
    }
    sourceNode.outgoing.push(sequenceFlow);
    targetNode.incoming.push(sequenceFlow.id);
  }
  for (const element of list(container, 'flowElements')) {
    const node = model.elements[str(element, 'id') ?? ''];
    if (!node) continue;
    const defaultFlow = str(get(element, 'default'), 'id');
    if (defaultFlow !== undefined) node.defaultFlowId = defaultFlow;
    if (node.kind === 'boundaryEvent') {
      const host = model.elements[node.attachedToId ?? ''];
      if (!host || !ACTIVITIES.has(host.kind)) report(element, 'Boundary events must be attached to a task or subprocess');
      else host.boundaryEventIds.push(node.id);
      if (node.incoming.length > 0) report(element, 'Boundary events must not have incoming sequence flows');
    }
    if (node.kind === 'exclusiveGateway' || node.kind === 'inclusiveGateway') {
      for (const flow of node.outgoing) {
        if (flow.id !== node.defaultFlowId && flow.condition === undefined && node.outgoing.length > 1) {
          report(element, `Sequence flow '${flow.id}' must have a condition or be the default flow`);
        }
      }
    }
    if (node.kind === 'startEvent' && node.incoming.length > 0) report(element, 'Start events must not have incoming sequence flows');
    if (node.triggeredByEvent && (node.incoming.length > 0 || node.outgoing.length > 0)) report(element, 'Event subprocesses must not have sequence flows');
    if (node.kind === 'eventBasedGateway') {
      if (node.outgoing.length < 2) report(element, 'An event-based gateway must have at least two outgoing sequence flows');
      for (const flow of node.outgoing) {
        const target = model.elements[flow.targetId];
        if (!target || target.kind !== 'intermediateCatchEvent') report(element, `Sequence flow '${flow.id}' must lead to an intermediate catch event (message, timer or signal)`);
        else if (target.incoming.length !== 1) report(element, `The catch event '${target.id}' after an event-based gateway must have exactly one incoming sequence flow`);
      }
    }
  }
}

/**
 * Link events (https://docs.camunda.io/docs/components/modeler/bpmn/link-events/): a throw
 * event continues at the catch event of the same name in the same scope, so it gets a
 * flow to it; each name needs exactly one catch event per scope.
 */
function linkEvents(model: ProcessModel, problems: string[]): void {
  const nodes = Object.values(model.elements);
  const catches = nodes.filter((n) => n.kind === 'intermediateCatchEvent' && n.link !== undefined);
  for (const node of catches) {
    if (catches.some((other) => other !== node && other.link === node.link && other.parentId === node.parentId)) {
      problems.push(`Element: ${node.id} (bpmn:IntermediateCatchEvent)\n    - ERROR: Multiple intermediate catch link events with the same name '${node.link ?? ''}' in the same scope`);
    }
  }
  for (const node of nodes.filter((n) => n.kind === 'intermediateThrowEvent' && n.link !== undefined)) {
    const target = catches.find((c) => c.link === node.link && c.parentId === node.parentId);
    if (!target) {
      problems.push(`Element: ${node.id} (bpmn:IntermediateThrowEvent)\n    - ERROR: Can't find a catch link event for the link event with the name '${node.link ?? ''}' in the same scope`);
      continue;
    }
    if (node.outgoing.length > 0) problems.push(`Element: ${node.id} (bpmn:IntermediateThrowEvent)\n    - ERROR: A throw link event must not have outgoing sequence flows`);
    const flow: SequenceFlow = { id: `${node.id}#link`, sourceId: node.id, targetId: target.id };
    node.outgoing = [flow];
    target.incoming = [...target.incoming, flow.id];
  }
}

function parseNode(element: Node, kind: ElementKind, report: (problem: string) => void): FlowNode {
  const node: FlowNode = { id: str(element, 'id') ?? '', kind, incoming: [], outgoing: [], inputs: [], outputs: [], boundaryEventIds: [] };
  const name = str(element, 'name');
  if (name !== undefined) node.name = name;
  const loop = get(element, 'loopCharacteristics');
  if (loop !== undefined) {
    if (typeOf(loop) !== 'bpmn:MultiInstanceLoopCharacteristics' || !ACTIVITIES.has(kind)) {
      report(`'${typeOf(loop)}' is not supported here by this engine (multi-instance is supported on tasks, subprocesses and call activities)`);
    } else {
      const characteristics = list(get(loop, 'extensionElements'), 'values').find((e) => typeOf(e) === 'zeebe:LoopCharacteristics');
      const expression = (name: string, raw: string | undefined): string | undefined => {
        if (raw === undefined || raw.trim() === '') return undefined;
        const body = isExpression(raw) ? expressionBody(raw) : raw;
        const error = syntaxError(body);
        if (error) report(`Invalid FEEL expression in ${name} '${raw}': ${error}`);
        return body;
      };
      const inputCollection = expression('inputCollection', str(characteristics, 'inputCollection'));
      if (!inputCollection) report("Multi-instance needs 'zeebe:loopCharacteristics' with an inputCollection");
      const multiInstance: NonNullable<FlowNode['multiInstance']> = { sequential: get(loop, 'isSequential') === true, inputCollection: inputCollection ?? '[]' };
      const inputElement = str(characteristics, 'inputElement');
      const outputCollection = str(characteristics, 'outputCollection');
      const outputElement = expression('outputElement', str(characteristics, 'outputElement'));
      const completionCondition = expression('completionCondition', str(get(loop, 'completionCondition'), 'body'));
      if (inputElement) multiInstance.inputElement = inputElement;
      if (outputCollection) multiInstance.outputCollection = outputCollection;
      if (outputElement) multiInstance.outputElement = outputElement;
      if (completionCondition) multiInstance.completionCondition = completionCondition;
      if ((outputCollection === undefined) !== (outputElement === undefined)) report('Multi-instance outputCollection and outputElement must be defined together');
      node.multiInstance = multiInstance;
    }
  }
  const extensions = list(get(element, 'extensionElements'), 'values');
  const ext = (type: string): Node | undefined => extensions.find((e) => typeOf(e) === type);
  for (const extension of extensions) {
    if (!SUPPORTED_EXTENSIONS.has(typeOf(extension))) report(`The extension element '${typeOf(extension)}' is not supported by this engine`);
  }
  const checkExpression = (what: string, text: string | undefined): void => {
    if (text === undefined || !isExpression(text)) return;
    const error = syntaxError(expressionBody(text));
    if (error) report(`Invalid FEEL expression in ${what} '${text}': ${error}`);
  };

  const ioMapping = ext('zeebe:IoMapping');
  const mappings = (key: string): Mapping[] =>
    list(ioMapping, key).map((m) => {
      const mapping = { source: str(m, 'source') ?? '', target: str(m, 'target') ?? '' };
      checkExpression('mapping source', mapping.source);
      if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(mapping.target)) report(`Invalid mapping target '${mapping.target}'`);
      return mapping;
    });
  node.inputs = mappings('inputParameters');
  node.outputs = mappings('outputParameters');

  const taskDefinition = ext('zeebe:TaskDefinition');
  if (taskDefinition) {
    const type = str(taskDefinition, 'type') ?? '';
    const retries = str(taskDefinition, 'retries') ?? '3';
    checkExpression('job type', type);
    checkExpression('job retries', retries);
    if (type.trim() === '') report("Must have a non-empty 'type' in 'zeebe:taskDefinition'");
    const headers: Record<string, string> = {};
    for (const header of list(ext('zeebe:TaskHeaders'), 'values')) headers[str(header, 'key') ?? ''] = str(header, 'value') ?? '';
    node.job = { type, retries, headers };
  }

  const eventDefinitions = list(element, 'eventDefinitions');
  if (eventDefinitions.length > 1) report('Multiple event definitions on one event are not supported');
  const eventDefinition = eventDefinitions[0];
  const eventType = eventDefinition ? typeOf(eventDefinition) : undefined;

  const readMessage = (message: unknown): void => {
    if (!isRecord(message)) {
      report('Must reference a message');
      return;
    }
    const messageName = str(message, 'name') ?? '';
    if (messageName.trim() === '') report("Must have a message name");
    checkExpression('message name', messageName);
    node.message = { name: messageName };
    const subscription = list(get(message, 'extensionElements'), 'values').find((e) => typeOf(e) === 'zeebe:Subscription');
    const correlationKey = str(subscription, 'correlationKey');
    if (correlationKey !== undefined) {
      checkExpression('correlation key', correlationKey);
      node.message.correlationKey = correlationKey;
    }
  };
  const readSignal = (definition: Node | undefined): void => {
    const signalName = str(get(definition, 'signalRef'), 'name') ?? '';
    if (signalName.trim() === '') report('Must reference a signal with a name');
    checkExpression('signal name', signalName);
    node.signal = { name: signalName };
  };
  // zeebe:errorCodeVariable / zeebe:errorMessageVariable are not in zeebe-bpmn-moddle's schema: moddle keeps them in $attrs.
  const readErrorVariables = (definition: Node | undefined): void => {
    const attrs = get(definition, '$attrs');
    const code = str(attrs, 'zeebe:errorCodeVariable');
    const message = str(attrs, 'zeebe:errorMessageVariable');
    if (code !== undefined && code.trim() !== '') node.errorCodeVariable = code;
    if (message !== undefined && message.trim() !== '') node.errorMessageVariable = message;
  };
  const readTimer = (definition: Node, cycleAllowed: boolean): void => {
    const cycle = str(get(definition, 'timeCycle'), 'body');
    const duration = str(get(definition, 'timeDuration'), 'body');
    const date = str(get(definition, 'timeDate'), 'body');
    if (cycle !== undefined && !cycleAllowed) {
      report('Timer cycles are only supported on non-interrupting boundary events by this engine');
      return;
    }
    const timer: TimerDefinition | undefined =
      duration !== undefined ? { kind: 'duration', value: duration.trim() }
        : date !== undefined ? { kind: 'date', value: date.trim() }
          : cycle !== undefined ? { kind: 'cycle', value: cycle.trim() } : undefined;
    if (!timer) {
      report('Timer must define a timeDuration, timeDate or timeCycle');
      return;
    }
    const valid = timer.kind === 'duration' ? parseDuration(timer.value) !== undefined
      : timer.kind === 'date' ? parseDateTime(timer.value) !== undefined : parseCycle(timer.value) !== undefined;
    if (isExpression(timer.value)) checkExpression('timer', timer.value);
    else if (!valid) report(`Invalid timer ${timer.kind} '${timer.value}'${timer.kind === 'cycle' ? ' (supported: R<n>/<duration>, R/<duration> or a six-field cron expression)' : ''}`);
    node.timer = timer;
  };

  switch (kind) {
    case 'startEvent':
      node.cancelActivity = get(element, 'isInterrupting') !== false;
      if (eventType === 'bpmn:MessageEventDefinition') readMessage(get(eventDefinition, 'messageRef'));
      else if (eventType === 'bpmn:SignalEventDefinition') readSignal(eventDefinition);
      else if (eventType === 'bpmn:TimerEventDefinition' && eventDefinition) readTimer(eventDefinition, true);
      else if (eventType === 'bpmn:ErrorEventDefinition') {
        node.errorStart = true;
        const code = str(get(eventDefinition, 'errorRef'), 'errorCode');
        if (code !== undefined) node.errorCode = code;
        readErrorVariables(eventDefinition);
      } else if (eventType === 'bpmn:EscalationEventDefinition') {
        const code = str(get(eventDefinition, 'escalationRef'), 'escalationCode');
        node.escalationCatch = code === undefined ? {} : { code };
      } else if (eventType !== undefined) report(`Start events with '${eventType}' are not supported by this engine`);
      break;
    case 'endEvent':
    case 'intermediateThrowEvent':
      if (eventType === 'bpmn:SignalEventDefinition') readSignal(eventDefinition);
      else if (eventType === 'bpmn:TerminateEventDefinition' && kind === 'endEvent') node.terminate = true;
      else if (eventType === 'bpmn:ErrorEventDefinition' && kind === 'endEvent') {
        const code = str(get(eventDefinition, 'errorRef'), 'errorCode');
        if (code === undefined || code.trim() === '') report('Error end events must reference an error with an error code');
        else node.throwErrorCode = code;
      } else if (eventType === 'bpmn:EscalationEventDefinition') {
        const code = str(get(eventDefinition, 'escalationRef'), 'escalationCode');
        if (code === undefined || code.trim() === '') report('Escalation events must reference an escalation with an escalation code');
        else node.throwEscalationCode = code;
      } else if (eventType === 'bpmn:MessageEventDefinition') {
        // Message throw events are job workers in Zeebe (https://docs.camunda.io/docs/components/modeler/bpmn/message-events/).
        if (!taskDefinition) report("Message throw events must have exactly one 'zeebe:taskDefinition' extension element");
      } else if (eventType === 'bpmn:LinkEventDefinition' && kind === 'intermediateThrowEvent') {
        node.link = str(eventDefinition, 'name') ?? '';
        if (node.link.trim() === '') report('Link events must have a name');
      } else if (eventType !== undefined) report(`'${eventType}' is not supported by this engine on ${kind}`);
      break;
    case 'intermediateCatchEvent':
      if (eventType === 'bpmn:LinkEventDefinition') {
        node.link = str(eventDefinition, 'name') ?? '';
        if (node.link.trim() === '') report('Link events must have a name');
      } else if (eventType === 'bpmn:MessageEventDefinition') readMessage(get(eventDefinition, 'messageRef'));
      else if (eventType === 'bpmn:TimerEventDefinition' && eventDefinition) readTimer(eventDefinition, false);
      else if (eventType === 'bpmn:SignalEventDefinition') readSignal(eventDefinition);
      else report(`Intermediate catch events with '${eventType ?? 'no event definition'}' are not supported by this engine`);
      break;
    case 'boundaryEvent': {
      node.attachedToId = str(get(element, 'attachedToRef'), 'id') ?? '';
      node.cancelActivity = get(element, 'cancelActivity') !== false;
      if (eventType === 'bpmn:TimerEventDefinition' && eventDefinition) {
        readTimer(eventDefinition, !node.cancelActivity);
      } else if (eventType === 'bpmn:MessageEventDefinition') {
        readMessage(get(eventDefinition, 'messageRef'));
      } else if (eventType === 'bpmn:SignalEventDefinition') {
        readSignal(eventDefinition);
      } else if (eventType === 'bpmn:ErrorEventDefinition') {
        const errorRef = get(eventDefinition, 'errorRef');
        const code = str(errorRef, 'errorCode');
        if (code !== undefined) node.errorCode = code;
        readErrorVariables(eventDefinition);
        if (isRecord(errorRef) && code === undefined) report('The referenced error must have an error code');
        if (!node.cancelActivity) report('Error boundary events are always interrupting');
      } else if (eventType === 'bpmn:EscalationEventDefinition') {
        const code = str(get(eventDefinition, 'escalationRef'), 'escalationCode');
        node.escalationCatch = code === undefined ? {} : { code };
      } else report(`Boundary events with '${eventType ?? 'no event definition'}' are not supported by this engine`);
      break;
    }
    case 'serviceTask':
    case 'sendTask':
      if (!taskDefinition) report("Must have exactly one 'zeebe:taskDefinition' extension element");
      break;
    case 'scriptTask': {
      const script = ext('zeebe:Script');
      if (script) {
        const expression = str(script, 'expression') ?? '';
        const resultVariable = str(script, 'resultVariable') ?? '';
        if (!isExpression(expression)) report("The 'zeebe:script' expression must be a FEEL expression starting with '='");
        else checkExpression('script', expression);
        if (resultVariable.trim() === '') report("The 'zeebe:script' must have a result variable");
        node.script = { expression: expressionBody(expression), resultVariable };
      } else if (!taskDefinition) report("Must have either one 'zeebe:script' or one 'zeebe:taskDefinition' extension element");
      break;
    }
    case 'businessRuleTask': {
      const called = ext('zeebe:CalledDecision');
      if (called) {
        const decisionId = str(called, 'decisionId') ?? '';
        const resultVariable = str(called, 'resultVariable') ?? '';
        const bindingType = str(called, 'bindingType') ?? 'latest';
        const versionTag = str(called, 'versionTag');
        if (decisionId.trim() === '') report("The 'zeebe:calledDecision' must have a decisionId");
        checkExpression('called decision id', decisionId);
        if (resultVariable.trim() === '') report("The 'zeebe:calledDecision' must have a result variable");
        if (bindingType !== 'latest' && bindingType !== 'deployment' && bindingType !== 'versionTag') report(`Called decision binding type '${bindingType}' is not supported (supported: latest, deployment, versionTag)`);
        node.calledDecision = { decisionId, resultVariable, bindingType: bindingType === 'deployment' || bindingType === 'versionTag' ? bindingType : 'latest' };
        if (bindingType === 'versionTag') {
          if (versionTag === undefined || versionTag.trim() === '') report("The binding type 'versionTag' needs a 'versionTag' on 'zeebe:calledDecision'");
          else node.calledDecision.versionTag = versionTag;
        }
      } else if (!taskDefinition) report("Must have either one 'zeebe:calledDecision' or one 'zeebe:taskDefinition' extension element");
      break;
    }
    case 'userTask': {
      const definition: UserTaskDefinition = {};
      const assignment = ext('zeebe:AssignmentDefinition');
      const schedule = ext('zeebe:TaskSchedule');
      const form = ext('zeebe:FormDefinition');
      const priority = ext('zeebe:PriorityDefinition');
      const put = (key: Exclude<keyof UserTaskDefinition, 'listeners' | 'headers'>, value: string | undefined): void => {
        if (value === undefined || value.trim() === '') return;
        checkExpression(key, value);
        definition[key] = value;
      };
      put('assignee', str(assignment, 'assignee'));
      put('candidateGroups', str(assignment, 'candidateGroups'));
      put('candidateUsers', str(assignment, 'candidateUsers'));
      put('dueDate', str(schedule, 'dueDate'));
      put('followUpDate', str(schedule, 'followUpDate'));
      put('formKey', str(form, 'formKey'));
      put('formId', str(form, 'formId'));
      put('externalReference', str(form, 'externalReference'));
      put('priority', str(priority, 'priority'));
      const listeners: TaskListener[] = [];
      for (const listener of list(ext('zeebe:TaskListeners'), 'listeners')) {
        const eventType = TASK_LISTENER_EVENTS[str(listener, 'eventType') ?? ''];
        const type = str(listener, 'type') ?? '';
        const retries = str(listener, 'retries') ?? '3';
        if (!eventType) report(`Task listener event type '${str(listener, 'eventType') ?? ''}' is not supported by this engine (supported: creating, assigning, updating, completing, canceling)`);
        if (type.trim() === '') report('Task listeners must have a job type');
        checkExpression('task listener type', type);
        checkExpression('task listener retries', retries);
        if (eventType) listeners.push({ eventType, type, retries });
      }
      if (listeners.length > 0) definition.listeners = listeners;
      if (ext('zeebe:UserTask')) {
        const headers: Record<string, string> = {};
        for (const header of list(ext('zeebe:TaskHeaders'), 'values')) headers[str(header, 'key') ?? ''] = str(header, 'value') ?? '';
        if (Object.keys(headers).length > 0) definition.headers = headers;
        node.userTask = definition;
      } else {
        // Job-based user task (deprecated in Camunda 8.8, still supported by Zeebe).
        const headers: Record<string, string> = {};
        if (definition.assignee) headers['io.camunda.zeebe:assignee'] = definition.assignee;
        if (definition.candidateGroups) headers['io.camunda.zeebe:candidateGroups'] = definition.candidateGroups;
        if (definition.candidateUsers) headers['io.camunda.zeebe:candidateUsers'] = definition.candidateUsers;
        if (definition.dueDate) headers['io.camunda.zeebe:dueDate'] = definition.dueDate;
        if (definition.followUpDate) headers['io.camunda.zeebe:followUpDate'] = definition.followUpDate;
        if (definition.formKey) headers['io.camunda.zeebe:formKey'] = definition.formKey;
        for (const header of list(ext('zeebe:TaskHeaders'), 'values')) headers[str(header, 'key') ?? ''] = str(header, 'value') ?? '';
        node.job = { type: JOB_BASED_USER_TASK_TYPE, retries: '1', headers };
        if (listeners.length > 0) report('Task listeners need a Camunda user task (zeebe:userTask)');
      }
      break;
    }
    case 'receiveTask':
      readMessage(get(element, 'messageRef'));
      break;
    case 'task':
    case 'manualTask':
    case 'exclusiveGateway':
    case 'parallelGateway':
    case 'eventBasedGateway':
    case 'inclusiveGateway':
    case 'subProcess':
      break;
    case 'callActivity': {
      const called = ext('zeebe:CalledElement');
      const processId = str(called, 'processId') ?? str(called, 'processIdExpression') ?? '';
      if (processId.trim() === '') report("Must have a 'zeebe:calledElement' with a processId");
      checkExpression('called process id', processId);
      const bindingType = str(called, 'bindingType') ?? 'latest';
      const versionTag = str(called, 'versionTag');
      node.calledElement = {
        processId,
        propagateAllChildVariables: get(called, 'propagateAllChildVariables') !== false,
        propagateAllParentVariables: get(called, 'propagateAllParentVariables') !== false,
        bindingType: bindingType === 'deployment' || bindingType === 'versionTag' ? bindingType : 'latest',
      };
      if (bindingType !== 'latest' && bindingType !== 'deployment' && bindingType !== 'versionTag') report(`Called element binding type '${bindingType}' is not supported (supported: latest, deployment, versionTag)`);
      if (bindingType === 'versionTag') {
        if (versionTag === undefined || versionTag.trim() === '') report("The binding type 'versionTag' needs a 'versionTag' on 'zeebe:calledElement'");
        else node.calledElement.versionTag = versionTag;
      }
      break;
    }
  }
  if (node.message && node.kind !== 'startEvent' && node.message.correlationKey === undefined) {
    report("Must have a correlation key ('zeebe:subscription' with 'correlationKey')");
  }
  return node;
}
