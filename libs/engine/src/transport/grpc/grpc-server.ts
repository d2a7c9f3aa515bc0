// gateway_protocol.Gateway over gRPC: protocol mapping only; semantics live in the core.
// The service definition is loaded at run time from the proto file shipped in @camunda8/sdk.
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ModelValidationError } from '../../model/parse-bpmn.js';
import type { ActivatedJob } from '../../runtime/engine-core.js';
import type { Engine, Logger } from '../../runtime/engine.js';
import { EngineRejectionError } from '../../runtime/errors.js';
import { isRecord, parseVariablesDocument, type JsonObject } from '../../runtime/json.js';
import { parseKey } from '../../runtime/keys.js';

export const ENGINE_VERSION = '8.8.0';
const DEFAULT_LONG_POLL_MS = 10_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const STREAM_BATCH = 32;

export function gatewayProtoPath(): string {
  return path.join(path.dirname(require.resolve('@camunda8/sdk')), 'proto', 'zeebe.proto');
}

function loadGatewayService(): grpc.ServiceDefinition {
  const definition = loadSync(gatewayProtoPath(), { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
  const service = definition['gateway_protocol.Gateway'];
  if (!service || !isServiceDefinition(service)) throw new Error('gateway_protocol.Gateway not found in the Camunda SDK proto');
  return service;
}

function isServiceDefinition(value: unknown): value is grpc.ServiceDefinition {
  return isRecord(value) && isRecord(value.Topology) && typeof value.Topology.path === 'string';
}

class BadRequest extends Error {}

class GrpcStatusError extends Error {
  constructor(readonly code: grpc.status, message: string) {
    super(message);
  }
}

function field(request: unknown, name: string): unknown {
  return isRecord(request) ? request[name] : undefined;
}
function text(request: unknown, name: string): string {
  const value = field(request, name);
  return typeof value === 'string' ? value : '';
}
function int(request: unknown, name: string): number {
  const value = field(request, name);
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '') return Number(value);
  return 0;
}
function texts(request: unknown, name: string): string[] {
  const value = field(request, name);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
function key(request: unknown, name: string): string {
  const raw = field(request, name);
  const parsed = parseKey(raw);
  if (parsed === undefined) throw new BadRequest(`Expected '${name}' to be a positive 64-bit key, but was '${String(raw)}'`);
  return parsed;
}
function variables(request: unknown, name = 'variables'): JsonObject {
  const parsed = parseVariablesDocument(text(request, name));
  if (!parsed.ok) throw new BadRequest(`Property '${name}' is invalid: ${parsed.error}`);
  return parsed.value;
}

function toStatus(error: unknown): Partial<grpc.StatusObject> {
  if (error instanceof EngineRejectionError) {
    const code = {
      NOT_FOUND: grpc.status.NOT_FOUND,
      INVALID_ARGUMENT: grpc.status.INVALID_ARGUMENT,
      INVALID_STATE: grpc.status.FAILED_PRECONDITION,
      ALREADY_EXISTS: grpc.status.ALREADY_EXISTS,
      RESOURCE_EXHAUSTED: grpc.status.RESOURCE_EXHAUSTED,
    }[error.code];
    return { code, details: error.message };
  }
  if (error instanceof BadRequest) return { code: grpc.status.INVALID_ARGUMENT, details: error.message };
  if (error instanceof GrpcStatusError) return { code: error.code, details: error.message };
  return { code: grpc.status.INTERNAL, details: `Unexpected error: ${error instanceof Error ? error.message : String(error)}` };
}

function wireJob(job: ActivatedJob): Record<string, unknown> {
  return {
    key: job.key, type: job.type, processInstanceKey: job.processInstanceKey, bpmnProcessId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion, processDefinitionKey: job.processDefinitionKey,
    elementId: job.elementId, elementInstanceKey: job.elementInstanceKey, customHeaders: JSON.stringify(job.customHeaders),
    worker: job.worker, retries: job.retries, deadline: String(job.deadline), variables: JSON.stringify(job.variables), tenantId: job.tenantId,
  };
}

type Unary = (request: unknown) => Promise<unknown>;

/** Forms are accepted (the modeler deploys them next to processes) but not interpreted. */
function formIdOf(name: string, content: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw new EngineRejectionError('INVALID_ARGUMENT', 'CREATE', `Expected to deploy new resources, but encountered the following errors:\n'${name}': the form is not valid JSON`);
  }
  const id = field(parsed, 'id');
  if (typeof id !== 'string' || id === '') throw new EngineRejectionError('INVALID_ARGUMENT', 'CREATE', `Expected to deploy new resources, but encountered the following errors:\n'${name}': the form has no 'id'`);
  return id;
}

export interface GrpcServer {
  port: number;
  stop(): Promise<void>;
}

export async function startGrpcServer(engine: Engine, options: { host: string; port: number; logger: Logger }): Promise<GrpcServer> {
  const server = new grpc.Server({ 'grpc.max_receive_message_length': 4 * 1024 * 1024 });
  const openCalls = new Set<{ end(): void }>();
  let boundPort = options.port;

  const unary = (handler: Unary): grpc.handleUnaryCall<unknown, unknown> => (call, callback) => {
    handler(call.request).then((response) => callback(null, response), (error: unknown) => {
      if (!(error instanceof EngineRejectionError) && !(error instanceof BadRequest) && !(error instanceof GrpcStatusError)) {
        options.logger.error(`gRPC call failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      callback(toStatus(error));
    });
  };

  const activateJobs: grpc.handleServerStreamingCall<unknown, unknown> = (call) => {
    const request: unknown = call.request;
    const type = text(request, 'type');
    const max = int(request, 'maxJobsToActivate');
    const timeout = int(request, 'timeout');
    const requestTimeout = int(request, 'requestTimeout');
    const problem = type === '' ? `Expected to activate jobs with type, but type is empty`
      : max < 1 ? `Expected to activate jobs with maxJobsToActivate greater than zero, but was ${max}`
      : timeout < 1 ? `Expected to activate jobs with timeout greater than zero, but was ${timeout}` : undefined;
    if (problem) {
      call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: problem });
      return;
    }
    const activation = { type, worker: text(request, 'worker'), timeout, maxJobsToActivate: max, fetchVariables: texts(request, 'fetchVariable') };
    let done = false;
    let busy = false;
    let unsubscribe = (): void => undefined;
    const poll: { timer?: NodeJS.Timeout } = {};
    const tracked = { end: () => finish([]) };
    openCalls.add(tracked);
    const finish = (jobs: ActivatedJob[]): void => {
      if (done) return;
      done = true;
      unsubscribe();
      clearTimeout(poll.timer);
      openCalls.delete(tracked);
      if (jobs.length > 0) call.write({ jobs: jobs.map(wireJob) });
      call.end();
    };
    const attempt = (longPoll: boolean): void => {
      if (done || busy) return;
      busy = true;
      engine.execute((core) => core.activateJobs(activation)).then((jobs) => {
        busy = false;
        if (jobs.length > 0 || !longPoll) return finish(jobs);
        if (done) return;
        if (engine.hasActivatableJobs(type)) attempt(true);
      }, (error: unknown) => {
        busy = false;
        if (!done) {
          done = true;
          unsubscribe();
          clearTimeout(poll.timer);
          openCalls.delete(tracked);
          call.emit('error', toStatus(error));
        }
      });
    };
    call.on('cancelled', () => {
      done = true;
      unsubscribe();
      clearTimeout(poll.timer);
      openCalls.delete(tracked);
    });
    if (requestTimeout < 0) {
      attempt(false);
      return;
    }
    unsubscribe = engine.onJobsAvailable(type, () => attempt(true));
    poll.timer = setTimeout(() => finish([]), requestTimeout === 0 ? DEFAULT_LONG_POLL_MS : requestTimeout);
    attempt(true);
  };

  const streams = new Map<string, { call: grpc.ServerWritableStream<unknown, unknown>; worker: string; timeout: number; fetchVariables: string[] }[]>();
  const pumping = new Set<string>();
  const pump = (type: string): void => {
    if (pumping.has(type)) return;
    const list = streams.get(type);
    const stream = list?.shift();
    if (!list || !stream) return;
    list.push(stream);
    pumping.add(type);
    engine.execute((core) => core.activateJobs({ type, worker: stream.worker, timeout: stream.timeout, maxJobsToActivate: STREAM_BATCH, fetchVariables: stream.fetchVariables }))
      .then((jobs) => {
        pumping.delete(type);
        for (const job of jobs) stream.call.write(wireJob(job));
        if (jobs.length === STREAM_BATCH || engine.hasActivatableJobs(type)) pump(type);
      }, (error: unknown) => {
        pumping.delete(type);
        options.logger.warn(`Streaming jobs of type '${type}' failed: ${error instanceof Error ? error.message : String(error)}`);
      });
  };
  const streamListeners = new Map<string, () => void>();
  const streamActivatedJobs: grpc.handleServerStreamingCall<unknown, unknown> = (call) => {
    const request: unknown = call.request;
    const type = text(request, 'type');
    const timeout = int(request, 'timeout');
    if (type === '' || timeout < 1) {
      call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: type === '' ? 'Expected to stream jobs with type, but type is empty' : `Expected to stream jobs with timeout greater than zero, but was ${timeout}` });
      return;
    }
    const entry = { call, worker: text(request, 'worker'), timeout, fetchVariables: texts(request, 'fetchVariable') };
    const list = streams.get(type) ?? [];
    list.push(entry);
    streams.set(type, list);
    if (!streamListeners.has(type)) streamListeners.set(type, engine.onJobsAvailable(type, () => pump(type)));
    const tracked = { end: () => call.end() };
    openCalls.add(tracked);
    const remove = (): void => {
      openCalls.delete(tracked);
      const remaining = (streams.get(type) ?? []).filter((s) => s !== entry);
      if (remaining.length > 0) streams.set(type, remaining);
      else {
        streams.delete(type);
        streamListeners.get(type)?.();
        streamListeners.delete(type);
      }
    };
    call.on('cancelled', remove);
    call.on('close', remove);
    pump(type);
  };

  const createInstanceRequest = (request: unknown) => {
    const instructions = field(request, 'startInstructions');
    if (Array.isArray(instructions) && instructions.length > 0) throw new BadRequest('Start instructions are not supported by this engine');
    const definitionKey = field(request, 'processDefinitionKey');
    const hasKey = definitionKey !== undefined && definitionKey !== '0' && definitionKey !== 0 && definitionKey !== '';
    const bpmnProcessId = text(request, 'bpmnProcessId');
    if (!hasKey && bpmnProcessId === '') throw new BadRequest('Expected either a bpmnProcessId or a processDefinitionKey, but none given');
    return {
      ...(hasKey ? { processDefinitionKey: key(request, 'processDefinitionKey') } : { bpmnProcessId }),
      version: int(request, 'version'),
      variables: variables(request),
      tenantId: text(request, 'tenantId') || '<default>',
    };
  };

  const handlers: grpc.UntypedServiceImplementation = {
    Topology: unary(() => Promise.resolve({
      brokers: [{ nodeId: 0, host: options.host, port: boundPort, version: ENGINE_VERSION, partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }] }],
      clusterSize: 1, partitionsCount: 1, replicationFactor: 1, gatewayVersion: ENGINE_VERSION,
    })),
    DeployResource: unary(async (request) => {
      const resources = field(request, 'resources');
      const list = Array.isArray(resources) ? resources : [];
      if (list.length === 0) throw new BadRequest('Expected to deploy at least one resource, but none given');
      const all = list.map((r) => {
        const content = field(r, 'content');
        const name = text(r, 'name');
        if (!name.endsWith('.bpmn') && !name.endsWith('.xml') && !name.endsWith('.form') && !name.endsWith('.dmn')) {
          throw new EngineRejectionError('INVALID_ARGUMENT', 'CREATE', `Expected to deploy new resources, but encountered the following errors:\n'${name}': resource type is not supported by this engine (BPMN processes as .bpmn or .xml, DMN decisions as .dmn, and forms as .form)`);
        }
        return { name, content: Buffer.isBuffer(content) ? content.toString('utf8') : typeof content === 'string' ? content : '' };
      });
      const parsed = all.filter((r) => !r.name.endsWith('.form'));
      const forms = all.filter((r) => r.name.endsWith('.form')).map((r) => ({ name: r.name, formId: formIdOf(r.name, r.content) }));
      const tenantId = text(request, 'tenantId') || '<default>';
      try {
        const deployment = parsed.length > 0 ? await engine.deploy(parsed, tenantId) : { key: await engine.execute((core) => core.keys.next()), processes: [], decisions: [], decisionRequirements: [] };
        const formKeys = await engine.execute((core) => forms.map(() => core.keys.next()));
        return {
          key: deployment.key, tenantId,
          deployments: [
            ...deployment.processes.map((p) => ({ process: p })),
            ...deployment.decisions.map((d) => ({
              decision: {
                dmnDecisionId: d.decisionId, dmnDecisionName: d.decisionName ?? '', version: d.version, decisionKey: d.decisionKey,
                dmnDecisionRequirementsId: d.decisionRequirementsId, decisionRequirementsKey: d.decisionRequirementsKey, tenantId: d.tenantId,
              },
            })),
            ...deployment.decisionRequirements.map((r) => ({
              decisionRequirements: {
                dmnDecisionRequirementsId: r.decisionRequirementsId, dmnDecisionRequirementsName: r.decisionRequirementsName ?? '', version: r.version,
                decisionRequirementsKey: r.decisionRequirementsKey, resourceName: r.resourceName, tenantId: r.tenantId,
              },
            })),
            ...forms.map((f, i) => ({ form: { formId: f.formId, version: 1, formKey: formKeys[i], resourceName: f.name, tenantId } })),
          ],
        };
      } catch (error) {
        if (error instanceof ModelValidationError) {
          const names = parsed.map((p) => `'${p.name}'`).join(', ');
          throw new EngineRejectionError('INVALID_ARGUMENT', 'CREATE', `Expected to deploy new resources, but encountered the following errors:\n${names}:\n${error.problems.map((p) => `- ${p}`).join('\n')}`);
        }
        throw error;
      }
    }),
    EvaluateDecision: unary(async (request) => {
      const decisionKey = text(request, 'decisionKey');
      const decisionId = text(request, 'decisionId');
      if (decisionId === '' && (decisionKey === '' || decisionKey === '0')) throw new BadRequest('Expected either a decision id or a valid decision key, but none provided');
      const variables = parseVariablesDocument(text(request, 'variables'));
      if (!variables.ok) throw new BadRequest(variables.error);
      const by = decisionId !== '' ? { decisionId } : { decisionKey };
      const { decision, outcome, decisionKeys, decisionInstanceKey } = await engine.execute((core) => core.evaluateDecision(by, variables.value));
      const evaluatedDecisions = outcome.evaluated.map((d) => ({
        decisionKey: decisionKeys[d.decisionId]?.key ?? '0', decisionId: d.decisionId, decisionName: d.decisionName ?? '',
        decisionVersion: decisionKeys[d.decisionId]?.version ?? 0, decisionType: d.decisionType, decisionOutput: JSON.stringify(d.output),
        matchedRules: d.matchedRules.map((r) => ({
          ruleId: r.ruleId, ruleIndex: r.ruleIndex,
          evaluatedOutputs: r.outputs.map((o) => ({ outputId: o.outputId, outputName: o.outputName, outputValue: JSON.stringify(o.outputValue) })),
        })),
        evaluatedInputs: d.inputs.map((i) => ({ inputId: i.inputId, inputName: i.inputName, inputValue: JSON.stringify(i.inputValue) })),
        tenantId: decision.tenantId,
      }));
      return {
        decisionKey: decision.decisionKey, decisionId: decision.decisionId, decisionName: decision.decisionName ?? '', decisionVersion: decision.version,
        decisionRequirementsId: decision.decisionRequirementsId, decisionRequirementsKey: decision.decisionRequirementsKey,
        decisionOutput: outcome.ok ? JSON.stringify(outcome.output) : '', evaluatedDecisions,
        failedDecisionId: outcome.ok ? '' : outcome.failedDecisionId, failureMessage: outcome.ok ? '' : outcome.message,
        tenantId: decision.tenantId, decisionInstanceKey,
      };
    }),
    CreateProcessInstance: unary(async (request) => {
      const create = createInstanceRequest(request);
      const instance = await engine.execute((core) => core.createInstance(create));
      return { processDefinitionKey: instance.processDefinitionKey, bpmnProcessId: instance.bpmnProcessId, version: instance.version, processInstanceKey: instance.key, tenantId: instance.tenantId };
    }),
    CreateProcessInstanceWithResult: unary(async (request) => {
      const create = createInstanceRequest(field(request, 'request'));
      const fetch = texts(request, 'fetchVariables');
      const requestTimeout = int(request, 'requestTimeout');
      const { instance, end } = await engine.execute((core) => {
        const created = core.createInstance(create);
        return { instance: { ...created, variables: {} }, end: engine.awaitEnd(created.key) };
      });
      let timer: NodeJS.Timeout | undefined;
      const timeoutMs = requestTimeout > 0 ? requestTimeout : DEFAULT_REQUEST_TIMEOUT_MS;
      const timedOut = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), timeoutMs); });
      const finished = await Promise.race([end, timedOut]);
      clearTimeout(timer);
      if (!finished) {
        engine.forgetEnd(instance.key);
        throw new GrpcStatusError(grpc.status.DEADLINE_EXCEEDED, `Time out between gateway and broker: Request timed out after PT${timeoutMs / 1000}S`);
      }
      if (finished.state === 'TERMINATED') throw new EngineRejectionError('INVALID_STATE', 'CREATE_WITH_AWAITING_RESULT', `Expected to complete process instance with key '${instance.key}', but it was terminated`);
      const result: JsonObject = {};
      for (const [name, value] of Object.entries(finished.variables)) if (fetch.length === 0 || fetch.includes(name)) result[name] = value;
      return { processDefinitionKey: instance.processDefinitionKey, bpmnProcessId: instance.bpmnProcessId, version: instance.version, processInstanceKey: instance.key, tenantId: instance.tenantId, variables: JSON.stringify(result) };
    }),
    DeleteResource: unary(async (request) => {
      const resourceKey = key(request, 'resourceKey');
      await engine.execute((core) => core.deleteResource(resourceKey));
      return {};
    }),
    ModifyProcessInstance: unary(async (request) => {
      const instanceKey = key(request, 'processInstanceKey');
      const activateList = field(request, 'activateInstructions');
      const terminateList = field(request, 'terminateInstructions');
      const activations = (Array.isArray(activateList) ? activateList : []).map((instruction) => {
        const ancestor = parseKey(field(instruction, 'ancestorElementInstanceKey'));
        const variableList = field(instruction, 'variableInstructions');
        const variables = (Array.isArray(variableList) ? variableList : []).map((v) => {
          const parsed = parseVariablesDocument(text(v, 'variables'));
          if (!parsed.ok) throw new BadRequest(parsed.error);
          return { scopeId: text(v, 'scopeId'), variables: parsed.value };
        });
        return { elementId: text(instruction, 'elementId'), ...(ancestor === undefined || ancestor === '0' ? {} : { ancestorKey: ancestor }), variables };
      });
      const terminations = (Array.isArray(terminateList) ? terminateList : []).map((instruction) => {
        const elementInstanceKey = parseKey(field(instruction, 'elementInstanceKey'));
        if (elementInstanceKey === undefined) throw new BadRequest('Expected a valid element instance key in a terminate instruction');
        return elementInstanceKey;
      });
      await engine.execute((core) => core.modifyInstance(instanceKey, activations, terminations));
      return {};
    }),
    CancelProcessInstance: unary(async (request) => {
      const instanceKey = key(request, 'processInstanceKey');
      await engine.execute((core) => core.cancelInstance(instanceKey));
      return {};
    }),
    CompleteJob: unary(async (request) => {
      const jobKey = key(request, 'jobKey');
      const vars = variables(request);
      await engine.execute((core) => core.completeJob(jobKey, vars));
      return {};
    }),
    FailJob: unary(async (request) => {
      const jobKey = key(request, 'jobKey');
      const vars = variables(request);
      await engine.execute((core) => core.failJob(jobKey, int(request, 'retries'), text(request, 'errorMessage'), int(request, 'retryBackOff'), vars));
      return {};
    }),
    ThrowError: unary(async (request) => {
      const jobKey = key(request, 'jobKey');
      const vars = variables(request);
      const errorCode = text(request, 'errorCode');
      if (errorCode === '') throw new BadRequest('Expected to throw an error with an error code, but it was empty');
      await engine.execute((core) => core.throwError(jobKey, errorCode, text(request, 'errorMessage'), vars));
      return {};
    }),
    UpdateJobRetries: unary(async (request) => {
      const jobKey = key(request, 'jobKey');
      await engine.execute((core) => core.updateJobRetries(jobKey, int(request, 'retries')));
      return {};
    }),
    UpdateJobTimeout: unary(async (request) => {
      const jobKey = key(request, 'jobKey');
      await engine.execute((core) => core.updateJobTimeout(jobKey, int(request, 'timeout')));
      return {};
    }),
    PublishMessage: unary(async (request) => {
      const name = text(request, 'name');
      if (name === '') throw new BadRequest("Expected to publish a message with a name, but 'name' is empty");
      const message = {
        name, correlationKey: text(request, 'correlationKey'), timeToLive: int(request, 'timeToLive'),
        messageId: text(request, 'messageId'), variables: variables(request), tenantId: text(request, 'tenantId') || '<default>',
      };
      const published = await engine.execute((core) => core.publishMessage(message));
      return { key: published.key, tenantId: message.tenantId };
    }),
    SetVariables: unary(async (request) => {
      const scopeKey = key(request, 'elementInstanceKey');
      const vars = variables(request);
      const local = field(request, 'local') === true;
      return { key: await engine.execute((core) => core.setVariables(scopeKey, vars, local)) };
    }),
    BroadcastSignal: unary(async (request) => {
      const signalName = text(request, 'signalName');
      if (signalName === '') throw new BadRequest("Expected to broadcast a signal with a name, but 'signalName' is empty");
      const vars = variables(request);
      const tenantId = text(request, 'tenantId') || '<default>';
      return { key: await engine.execute((core) => core.broadcastSignal(signalName, vars)), tenantId };
    }),
    ResolveIncident: unary(async (request) => {
      const incidentKey = key(request, 'incidentKey');
      await engine.execute((core) => core.resolveIncident(incidentKey));
      return {};
    }),
    ActivateJobs: activateJobs,
    StreamActivatedJobs: streamActivatedJobs,
  };
  const service = loadGatewayService();
  for (const [name, method] of Object.entries(service)) {
    if (handlers[name]) continue;
    const unimplemented = (_call: unknown, callback: grpc.sendUnaryData<unknown>): void => {
      callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} is not implemented by this engine` });
    };
    handlers[name] = method.responseStream
      ? (call: grpc.ServerWritableStream<unknown, unknown>) => call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: `${name} is not implemented by this engine` })
      : unimplemented;
  }
  server.addService(service, handlers);
  boundPort = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${options.host}:${options.port}`, grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port)));
  });
  return {
    port: boundPort,
    stop: () => new Promise<void>((resolve) => {
      for (const call of [...openCalls]) call.end();
      for (const list of streams.values()) for (const s of list) s.call.end();
      server.tryShutdown(() => resolve());
      setTimeout(() => { server.forceShutdown(); resolve(); }, 2000).unref();
    }),
  };
}
