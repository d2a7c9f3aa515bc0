// Static map of every rule the platform's lint set uses, so bpmnlint resolves them the same way in the
// browser (bundled by Vite) and in Node (API, tests): no dynamic require.
import bpmnlint_adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process.js';
import bpmnlint_conditionalFlows from 'bpmnlint/rules/conditional-flows.js';
import bpmnlint_endEventRequired from 'bpmnlint/rules/end-event-required.js';
import bpmnlint_eventBasedGateway from 'bpmnlint/rules/event-based-gateway.js';
import bpmnlint_eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event.js';
import bpmnlint_fakeJoin from 'bpmnlint/rules/fake-join.js';
import bpmnlint_global from 'bpmnlint/rules/global.js';
import bpmnlint_labelRequired from 'bpmnlint/rules/label-required.js';
import bpmnlint_linkEvent from 'bpmnlint/rules/link-event.js';
import bpmnlint_noBpmndi from 'bpmnlint/rules/no-bpmndi.js';
import bpmnlint_noComplexGateway from 'bpmnlint/rules/no-complex-gateway.js';
import bpmnlint_noDisconnected from 'bpmnlint/rules/no-disconnected.js';
import bpmnlint_noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows.js';
import bpmnlint_noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork.js';
import bpmnlint_noImplicitSplit from 'bpmnlint/rules/no-implicit-split.js';
import bpmnlint_noImplicitEnd from 'bpmnlint/rules/no-implicit-end.js';
import bpmnlint_noImplicitStart from 'bpmnlint/rules/no-implicit-start.js';
import bpmnlint_noInclusiveGateway from 'bpmnlint/rules/no-inclusive-gateway.js';
import bpmnlint_noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements.js';
import bpmnlint_singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event.js';
import bpmnlint_singleEventDefinition from 'bpmnlint/rules/single-event-definition.js';
import bpmnlint_startEventRequired from 'bpmnlint/rules/start-event-required.js';
import bpmnlint_subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event.js';
import bpmnlint_superfluousGateway from 'bpmnlint/rules/superfluous-gateway.js';
import bpmnlint_superfluousTermination from 'bpmnlint/rules/superfluous-termination.js';
import compat_implementation from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/implementation/index.js';
import compat_calledElement from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/called-element.js';
import compat_duplicateTaskHeaders from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/duplicate-task-headers.js';
import compat_elementType from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/element-type/index.js';
import compat_errorReference from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/error-reference.js';
import compat_eventBasedGatewayTarget from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/event-based-gateway-target.js';
import compat_executableProcess from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/executable-process.js';
import compat_loopCharacteristics from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/loop-characteristics.js';
import compat_messageReference from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/message-reference.js';
import compat_ioMapping from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/io-mapping.js';
import compat_noBusinessId from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-business-id.js';
import compat_noCancelExecutionListener from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-cancel-execution-listener.js';
import compat_noExecutionListenerHeaders from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-execution-listener-headers.js';
import compat_noExpression from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-expression.js';
import compat_noJobPriorityDefinition from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-job-priority-definition.js';
import compat_noLoop from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-loop.js';
import compat_noMultipleNoneStartEvents from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-multiple-none-start-events.js';
import compat_sequenceFlowCondition from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/sequence-flow-condition.js';
import compat_startEventForm from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/start-event-form.js';
import compat_subscription from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/subscription.js';
import compat_timer from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/timer/index.js';
import compat_userTaskDefinition from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/user-task-definition.js';
import compat_userTaskForm from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/user-task-form.js';
import compat_variableName from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/variable-name.js';
import compat_feel from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/feel.js';
import compat_feelCompatibility from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/feel-compatibility.js';
import compat_connectorProperties from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/connector-properties/index.js';
import compat_escalationBoundaryEventAttachedToRef from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/escalation-boundary-event-attached-to-ref.js';
import compat_escalationReference from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/escalation-reference.js';
import compat_linkEvent from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/link-event.js';
import compat_taskSchedule from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/task-schedule.js';
import compat_secrets from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/secrets.js';
import compat_signalReference from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/signal-reference.js';
import compat_waitForCompletion from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/wait-for-completion.js';
import compat_duplicateExecutionListeners from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/duplicate-execution-listeners.js';
import compat_executionListener from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/execution-listener.js';
import compat_noBeforeAllExecutionListener from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-before-all-execution-listener.js';
import compat_priorityDefinition from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/priority-definition.js';
import compat_versionTag from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/version-tag.js';
import compat_zeebeUserTask from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/zeebe-user-task.js';
import compat_adHocSubProcess from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/ad-hoc-sub-process.js';
import compat_noInterruptingEventSubprocess from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-interrupting-event-subprocess.js';
import compat_agentToolDocumentation from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/agent-tool-documentation.js';
import compat_agentToolOutputKey from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/agent-tool-output-key.js';
import compat_agentFromaiContract from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/agent-fromai-contract.js';
import compat_taskListener from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/task-listener.js';

export const RECOMMENDED_RULES: Record<string, (config?: unknown) => unknown> = {
  'ad-hoc-sub-process': bpmnlint_adHocSubProcess,
  'conditional-flows': bpmnlint_conditionalFlows,
  'end-event-required': bpmnlint_endEventRequired,
  'event-based-gateway': bpmnlint_eventBasedGateway,
  'event-sub-process-typed-start-event': bpmnlint_eventSubProcessTypedStartEvent,
  'fake-join': bpmnlint_fakeJoin,
  'global': bpmnlint_global,
  'label-required': bpmnlint_labelRequired,
  'link-event': bpmnlint_linkEvent,
  'no-bpmndi': bpmnlint_noBpmndi,
  'no-complex-gateway': bpmnlint_noComplexGateway,
  'no-disconnected': bpmnlint_noDisconnected,
  'no-duplicate-sequence-flows': bpmnlint_noDuplicateSequenceFlows,
  'no-gateway-join-fork': bpmnlint_noGatewayJoinFork,
  'no-implicit-split': bpmnlint_noImplicitSplit,
  'no-implicit-end': bpmnlint_noImplicitEnd,
  'no-implicit-start': bpmnlint_noImplicitStart,
  'no-inclusive-gateway': bpmnlint_noInclusiveGateway,
  'no-overlapping-elements': bpmnlint_noOverlappingElements,
  'single-blank-start-event': bpmnlint_singleBlankStartEvent,
  'single-event-definition': bpmnlint_singleEventDefinition,
  'start-event-required': bpmnlint_startEventRequired,
  'sub-process-blank-start-event': bpmnlint_subProcessBlankStartEvent,
  'superfluous-gateway': bpmnlint_superfluousGateway,
  'superfluous-termination': bpmnlint_superfluousTermination,
};

/** Camunda 8.8 compatibility (bpmnlint-plugin-camunda-compat's camunda-cloud-8-8 set) with each rule's level. */
export const CAMUNDA_COMPAT_RULES: Record<string, (config?: unknown) => unknown> = {
  'implementation': compat_implementation,
  'called-element': compat_calledElement,
  'duplicate-task-headers': compat_duplicateTaskHeaders,
  'element-type': compat_elementType,
  'error-reference': compat_errorReference,
  'event-based-gateway-target': compat_eventBasedGatewayTarget,
  'executable-process': compat_executableProcess,
  'loop-characteristics': compat_loopCharacteristics,
  'message-reference': compat_messageReference,
  'io-mapping': compat_ioMapping,
  'no-business-id': compat_noBusinessId,
  'no-cancel-execution-listener': compat_noCancelExecutionListener,
  'no-execution-listener-headers': compat_noExecutionListenerHeaders,
  'no-expression': compat_noExpression,
  'no-job-priority-definition': compat_noJobPriorityDefinition,
  'no-loop': compat_noLoop,
  'no-multiple-none-start-events': compat_noMultipleNoneStartEvents,
  'sequence-flow-condition': compat_sequenceFlowCondition,
  'start-event-form': compat_startEventForm,
  'subscription': compat_subscription,
  'timer': compat_timer,
  'user-task-definition': compat_userTaskDefinition,
  'user-task-form': compat_userTaskForm,
  'variable-name': compat_variableName,
  'feel': compat_feel,
  'feel-compatibility': compat_feelCompatibility,
  'connector-properties': compat_connectorProperties,
  'escalation-boundary-event-attached-to-ref': compat_escalationBoundaryEventAttachedToRef,
  'escalation-reference': compat_escalationReference,
  'link-event': compat_linkEvent,
  'task-schedule': compat_taskSchedule,
  'secrets': compat_secrets,
  'signal-reference': compat_signalReference,
  'wait-for-completion': compat_waitForCompletion,
  'duplicate-execution-listeners': compat_duplicateExecutionListeners,
  'execution-listener': compat_executionListener,
  'no-before-all-execution-listener': compat_noBeforeAllExecutionListener,
  'priority-definition': compat_priorityDefinition,
  'version-tag': compat_versionTag,
  'zeebe-user-task': compat_zeebeUserTask,
  'ad-hoc-sub-process': compat_adHocSubProcess,
  'no-interrupting-event-subprocess': compat_noInterruptingEventSubprocess,
  'agent-tool-documentation': compat_agentToolDocumentation,
  'agent-tool-output-key': compat_agentToolOutputKey,
  'agent-fromai-contract': compat_agentFromaiContract,
  'task-listener': compat_taskListener,
};

export const CAMUNDA_COMPAT_LEVELS: Record<string, 'error' | 'warn'> = {
  'implementation': 'error',
  'called-element': 'error',
  'duplicate-task-headers': 'error',
  'element-type': 'error',
  'error-reference': 'error',
  'event-based-gateway-target': 'error',
  'executable-process': 'error',
  'loop-characteristics': 'error',
  'message-reference': 'error',
  'io-mapping': 'error',
  'no-business-id': 'error',
  'no-cancel-execution-listener': 'error',
  'no-execution-listener-headers': 'error',
  'no-expression': 'error',
  'no-job-priority-definition': 'error',
  'no-loop': 'error',
  'no-multiple-none-start-events': 'error',
  'sequence-flow-condition': 'error',
  'start-event-form': 'error',
  'subscription': 'error',
  'timer': 'error',
  'user-task-definition': 'warn',
  'user-task-form': 'error',
  'variable-name': 'error',
  'feel': 'error',
  'feel-compatibility': 'error',
  'connector-properties': 'warn',
  'escalation-boundary-event-attached-to-ref': 'error',
  'escalation-reference': 'error',
  'link-event': 'error',
  'task-schedule': 'error',
  'secrets': 'warn',
  'signal-reference': 'error',
  'wait-for-completion': 'error',
  'duplicate-execution-listeners': 'error',
  'execution-listener': 'error',
  'no-before-all-execution-listener': 'error',
  'priority-definition': 'error',
  'version-tag': 'error',
  'zeebe-user-task': 'warn',
  'ad-hoc-sub-process': 'error',
  'no-interrupting-event-subprocess': 'error',
  'agent-tool-documentation': 'warn',
  'agent-tool-output-key': 'warn',
  'agent-fromai-contract': 'error',
  'task-listener': 'error',
};
