// REST /v2 commands of the Camunda 8.8 Orchestration Cluster API that mirror the gRPC ones:
// deployments, process instances, messages, jobs and variables. Protocol mapping only.
import type http from 'node:http';
import { ModelValidationError } from '../../model/parse-bpmn.js';
import type { ActivatedJob } from '../../runtime/engine-core.js';
import type { Engine } from '../../runtime/engine.js';
import { EngineRejectionError } from '../../runtime/errors.js';
import { isRecord, toJsonObject, type JsonObject } from '../../runtime/json.js';
import { parseKey } from '../../runtime/keys.js';
import { HttpProblem, readBody, readRaw, send } from './http.js';

const DEFAULT_TENANT = '<default>';
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

interface Route {
  method: string;
  resource: string | undefined;
  id: string | undefined;
  action: string | undefined;
  req: http.IncomingMessage;
  res: http.ServerResponse;
}

function field(body: unknown, name: string): unknown {
  return isRecord(body) ? body[name] : undefined;
}
function text(body: unknown, name: string, required = false): string {
  const value = field(body, name);
  if (value === undefined || value === null) {
    if (required) throw new HttpProblem(400, 'INVALID_ARGUMENT', `No ${name} provided.`);
    return '';
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new HttpProblem(400, 'INVALID_ARGUMENT', `Expected '${name}' to be a string`);
}
function integer(body: unknown, name: string, fallback: number): number {
  const value = field(body, name);
  if (value === undefined || value === null) return fallback;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw new HttpProblem(400, 'INVALID_ARGUMENT', `Expected '${name}' to be an integer`);
  return number;
}
function variables(body: unknown, name = 'variables'): JsonObject {
  const value = field(body, name);
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw new HttpProblem(400, 'INVALID_ARGUMENT', `Expected '${name}' to be a JSON object`);
  return toJsonObject(value);
}
function strings(body: unknown, name: string): string[] {
  const value = field(body, name);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
function key(raw: string | undefined, name: string): string {
  const parsed = parseKey(raw);
  if (parsed === undefined) throw new HttpProblem(400, 'INVALID_ARGUMENT', `The provided ${name} '${raw ?? ''}' is not a valid key`);
  return parsed;
}

/** Splits a multipart/form-data body into its parts. */
function multipart(body: Buffer, contentType: string): { name: string; filename?: string; content: Buffer }[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new HttpProblem(400, 'INVALID_ARGUMENT', 'Expected a multipart/form-data body with a boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { name: string; filename?: string; content: Buffer }[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const chunk = body.subarray(start + delimiter.length + 2, next - 2); // skip CRLF after the delimiter and before the next
    const headerEnd = chunk.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = chunk.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      parts.push({ name, ...(filename !== undefined ? { filename } : {}), content: chunk.subarray(headerEnd + 4) });
    }
    start = next;
  }
  return parts;
}

function wireJob(job: ActivatedJob): JsonObject {
  return toJsonObject({
    jobKey: job.key, type: job.type, processInstanceKey: job.processInstanceKey, processDefinitionId: job.bpmnProcessId, bpmnProcessId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion, processDefinitionKey: job.processDefinitionKey, elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey, customHeaders: job.customHeaders, worker: job.worker, retries: job.retries,
    deadline: job.deadline, variables: job.variables, tenantId: job.tenantId, kind: 'BPMN_ELEMENT', listenerEventType: 'UNSPECIFIED',
  });
}

interface JobActivation {
  type: string;
  worker: string;
  timeout: number;
  maxJobsToActivate: number;
  fetchVariables: string[];
}

/** Activates jobs, waiting up to `requestTimeout` ms for some to become available. */
function activateWithLongPoll(engine: Engine, activation: JobActivation, requestTimeout: number, req: http.IncomingMessage): Promise<ActivatedJob[]> {
  return new Promise((resolve, reject) => {
    let done = false;
    let busy = false;
    const finish = (jobs: ActivatedJob[]): void => {
      if (done) return;
      done = true;
      unsubscribe();
      clearTimeout(timer);
      resolve(jobs);
    };
    const attempt = (): void => {
      if (done || busy) return;
      busy = true;
      engine.execute((core) => core.activateJobs(activation)).then((jobs) => {
        busy = false;
        if (jobs.length > 0 || requestTimeout < 0) finish(jobs);
        else if (engine.hasActivatableJobs(activation.type)) attempt();
      }, (error: unknown) => {
        done = true;
        unsubscribe();
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    };
    const unsubscribe = requestTimeout < 0 ? () => undefined : engine.onJobsAvailable(activation.type, attempt);
    const timer = setTimeout(() => finish([]), requestTimeout > 0 ? requestTimeout : DEFAULT_REQUEST_TIMEOUT_MS);
    req.once('close', () => finish([]));
    attempt();
  });
}

export async function handleCommand(engine: Engine, route: Route): Promise<boolean> {
  const { method, resource, id, action, req, res } = route;
  if (resource === 'deployments' && method === 'POST' && id === undefined) {
    const parts = multipart(await readRaw(req), req.headers['content-type'] ?? '');
    const files = parts.filter((p) => p.name === 'resources' && p.filename !== undefined);
    if (files.length === 0) throw new HttpProblem(400, 'INVALID_ARGUMENT', 'Expected to deploy at least one resource, but none given');
    const tenantId = parts.find((p) => p.name === 'tenantId')?.content.toString('utf8') || DEFAULT_TENANT;
    const bpmn = files.filter((f) => !(f.filename ?? '').endsWith('.form')).map((f) => ({ name: f.filename ?? '', content: f.content.toString('utf8') }));
    const forms = files.filter((f) => (f.filename ?? '').endsWith('.form')).map((f) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(f.content.toString('utf8'));
      } catch {
        parsed = undefined;
      }
      const formId = field(parsed, 'id');
      if (typeof formId !== 'string') throw new HttpProblem(400, 'INVALID_ARGUMENT', `Expected to deploy new resources, but encountered the following errors:\n'${f.filename ?? ''}': the form has no 'id'`);
      return { formId, resourceName: f.filename ?? '' };
    });
    let deployment;
    try {
      deployment = bpmn.length > 0 ? await engine.deploy(bpmn, tenantId) : { key: await engine.execute((core) => core.keys.next()), processes: [], decisions: [], decisionRequirements: [] };
    } catch (error) {
      if (error instanceof ModelValidationError) {
        throw new EngineRejectionError('INVALID_ARGUMENT', 'CREATE', `Expected to deploy new resources, but encountered the following errors:\n${bpmn.map((b) => `'${b.name}'`).join(', ')}:\n${error.problems.map((p) => `- ${p}`).join('\n')}`);
      }
      throw error;
    }
    const formKeys = await engine.execute((core) => forms.map(() => core.keys.next()));
    send(res, 200, {
      deploymentKey: deployment.key, tenantId,
      deployments: [
        ...deployment.processes.map((p) => ({ processDefinition: { processDefinitionId: p.bpmnProcessId, processDefinitionVersion: p.version, processDefinitionKey: p.processDefinitionKey, resourceName: p.resourceName, tenantId: p.tenantId } })),
        ...deployment.decisions.map((d) => ({
          decisionDefinition: {
            decisionDefinitionId: d.decisionId, name: d.decisionName ?? '', version: d.version, decisionDefinitionKey: d.decisionKey,
            decisionRequirementsId: d.decisionRequirementsId, decisionRequirementsKey: d.decisionRequirementsKey, tenantId: d.tenantId,
          },
        })),
        ...deployment.decisionRequirements.map((r) => ({
          decisionRequirements: {
            decisionRequirementsId: r.decisionRequirementsId, decisionRequirementsName: r.decisionRequirementsName ?? '', version: r.version,
            decisionRequirementsKey: r.decisionRequirementsKey, resourceName: r.resourceName, tenantId: r.tenantId,
          },
        })),
        ...forms.map((f, i) => ({ form: { formId: f.formId, version: 1, formKey: formKeys[i], resourceName: f.resourceName, tenantId } })),
      ],
    });
    return true;
  }
  if (resource === 'process-instances' && method === 'POST' && id === undefined) {
    const body = await readBody(req);
    const definitionKey = text(body, 'processDefinitionKey');
    const processDefinitionId = text(body, 'processDefinitionId');
    if (definitionKey === '' && processDefinitionId === '') throw new HttpProblem(400, 'INVALID_ARGUMENT', 'At least one of [processDefinitionId, processDefinitionKey] is required.');
    const instructions = field(body, 'startInstructions');
    if (Array.isArray(instructions) && instructions.length > 0) {
      throw new HttpProblem(400, 'INVALID_ARGUMENT', 'Start instructions are not supported by this engine');
    }
    const create = {
      ...(definitionKey !== '' ? { processDefinitionKey: key(definitionKey, 'processDefinitionKey') } : { bpmnProcessId: processDefinitionId }),
      version: integer(body, 'processDefinitionVersion', -1),
      variables: variables(body),
      tenantId: text(body, 'tenantId') || DEFAULT_TENANT,
    };
    const awaitCompletion = field(body, 'awaitCompletion') === true;
    const { instance, end } = await engine.execute((core) => {
      const created = core.createInstance(create);
      return { instance: { key: created.key, processDefinitionKey: created.processDefinitionKey, bpmnProcessId: created.bpmnProcessId, version: created.version, tenantId: created.tenantId }, end: awaitCompletion ? engine.awaitEnd(created.key) : undefined };
    });
    const answer: JsonObject = { processDefinitionKey: instance.processDefinitionKey, processDefinitionId: instance.bpmnProcessId, processDefinitionVersion: instance.version, processInstanceKey: instance.key, tenantId: instance.tenantId };
    if (end) {
      const timeoutMs = integer(body, 'requestTimeout', 0) > 0 ? integer(body, 'requestTimeout', 0) : DEFAULT_REQUEST_TIMEOUT_MS;
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([end, new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), timeoutMs); })]);
      clearTimeout(timer);
      if (!finished) {
        engine.forgetEnd(instance.key);
        throw new HttpProblem(504, 'DEADLINE_EXCEEDED', `Expected to complete process instance with key '${instance.key}' within ${timeoutMs} ms, but it did not`);
      }
      const fetch = strings(body, 'fetchVariables');
      answer.variables = Object.fromEntries(Object.entries(finished.variables).filter(([name]) => fetch.length === 0 || fetch.includes(name)));
    }
    send(res, 200, answer);
    return true;
  }
  if (resource === 'messages' && method === 'POST' && (id === 'publication' || id === 'correlation')) {
    const body = await readBody(req);
    const message = {
      name: text(body, 'name', true), correlationKey: text(body, 'correlationKey'), timeToLive: id === 'publication' ? integer(body, 'timeToLive', 0) : 0,
      messageId: id === 'publication' ? text(body, 'messageId') : '', variables: variables(body), tenantId: text(body, 'tenantId') || DEFAULT_TENANT,
    };
    const published = await engine.execute((core) => core.publishMessage(message));
    if (id === 'publication') {
      send(res, 200, { messageKey: published.key, tenantId: message.tenantId });
      return true;
    }
    const processInstanceKey = published.processInstanceKeys[0];
    if (processInstanceKey === undefined) {
      throw new EngineRejectionError('NOT_FOUND', 'CORRELATE', `Expected to find subscription for message with name '${message.name}' and correlation key '${message.correlationKey}', but none was found.`);
    }
    send(res, 200, { messageKey: published.key, tenantId: message.tenantId, processInstanceKey });
    return true;
  }
  if (resource === 'signals' && method === 'POST' && id === 'broadcast') {
    const body = await readBody(req);
    const signalName = text(body, 'signalName', true);
    const vars = variables(body);
    const signalKey = await engine.execute((core) => core.broadcastSignal(signalName, vars));
    send(res, 200, { signalKey, tenantId: text(body, 'tenantId') || DEFAULT_TENANT });
    return true;
  }
  if (resource === 'jobs' && method === 'POST' && id === 'activation') {
    const body = await readBody(req);
    const activation = {
      type: text(body, 'type', true), worker: text(body, 'worker'), timeout: integer(body, 'timeout', 0),
      maxJobsToActivate: integer(body, 'maxJobsToActivate', 0), fetchVariables: strings(body, 'fetchVariable'),
    };
    if (activation.timeout < 1) throw new HttpProblem(400, 'INVALID_ARGUMENT', 'The value for timeout is \'0\' but must be greater than 0.');
    if (activation.maxJobsToActivate < 1) throw new HttpProblem(400, 'INVALID_ARGUMENT', 'The value for maxJobsToActivate is \'0\' but must be greater than 0.');
    const jobs = await activateWithLongPoll(engine, activation, integer(body, 'requestTimeout', 0), req);
    send(res, 200, { jobs: jobs.map(wireJob) });
    return true;
  }
  if (resource === 'jobs' && id !== undefined && id !== 'activation') {
    const jobKey = key(id, 'jobKey');
    const body = await readBody(req);
    if (method === 'POST' && action === 'completion') {
      const vars = variables(body);
      await engine.execute((core) => core.completeJob(jobKey, vars));
    } else if (method === 'POST' && action === 'failure') {
      const vars = variables(body);
      await engine.execute((core) => core.failJob(jobKey, integer(body, 'retries', 0), text(body, 'errorMessage'), integer(body, 'retryBackOff', 0), vars));
    } else if (method === 'POST' && action === 'error') {
      const vars = variables(body);
      const errorCode = text(body, 'errorCode', true);
      await engine.execute((core) => core.throwError(jobKey, errorCode, text(body, 'errorMessage'), vars));
    } else if (method === 'PATCH' && action === undefined) {
      const changeset = field(body, 'changeset');
      const retries = field(changeset, 'retries');
      const timeout = field(changeset, 'timeout');
      if (typeof retries === 'number') await engine.execute((core) => core.updateJobRetries(jobKey, retries));
      if (typeof timeout === 'number') await engine.execute((core) => core.updateJobTimeout(jobKey, timeout));
    } else {
      return false;
    }
    send(res, 204);
    return true;
  }
  if (resource === 'element-instances' && id !== undefined && action === 'variables' && method === 'PUT') {
    const scopeKey = key(id, 'elementInstanceKey');
    const body = await readBody(req);
    const vars = variables(body);
    await engine.execute((core) => core.setVariables(scopeKey, vars, field(body, 'local') === true));
    send(res, 204);
    return true;
  }
  return false;
}
