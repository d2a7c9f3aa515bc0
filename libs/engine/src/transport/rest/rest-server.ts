// The Camunda 8.8 Orchestration Cluster REST API (/v2) subset: topology and user tasks.
// Protocol mapping only; errors are RFC 9457 problem details like Camunda's.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProcessInstanceView, UserTaskChangeset, UserTaskFilter, UserTaskView } from '../../runtime/engine-core.js';
import type { ProcessDefinition } from '../../runtime/state.js';
import type { Engine, Logger } from '../../runtime/engine.js';
import { EngineRejectionError } from '../../runtime/errors.js';
import { HttpProblem, problem, readBody, send, statusOf } from './http.js';
import { handleCommand } from './commands.js';
import { isRecord, toJsonObject, type Json, type JsonObject } from '../../runtime/json.js';
import { parseKey } from '../../runtime/keys.js';
import { ENGINE_VERSION } from '../grpc/grpc-server.js';

function optionalString(body: unknown, name: string): string | undefined {
  const value = isRecord(body) ? body[name] : undefined;
  if (value === undefined || value === null) return undefined;
  if (isRecord(value) && '$eq' in value) return optionalString(value, '$eq');
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new HttpProblem(400, 'INVALID_ARGUMENT', `Expected '${name}' to be a string`);
}

function stringList(value: unknown, name: string): string[] | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return value;
  throw new HttpProblem(400, 'INVALID_ARGUMENT', `Expected '${name}' to be an array of strings`);
}

function dateOrNull(value: unknown, name: string): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value === 'string' && (value === '' || !Number.isNaN(Date.parse(value)))) return value;
  throw new HttpProblem(400, 'INVALID_ARGUMENT', `The provided ${name} '${JSON.stringify(value)}' cannot be parsed as a date according to RFC 3339, section 5.6.`);
}

function wireTask(task: UserTaskView): JsonObject {
  return toJsonObject({
    userTaskKey: task.key, name: task.name ?? task.elementId, state: task.state, assignee: task.assignee,
    elementId: task.elementId, elementInstanceKey: task.elementInstanceKey, candidateGroups: task.candidateGroups,
    candidateUsers: task.candidateUsers, processDefinitionId: task.bpmnProcessId, processDefinitionKey: task.processDefinitionKey,
    processInstanceKey: task.processInstanceKey, processDefinitionVersion: task.processDefinitionVersion, processName: task.processName,
    formKey: task.formKey, formId: task.formId, creationDate: task.creationDate, completionDate: task.completionDate,
    followUpDate: task.followUpDate, dueDate: task.dueDate, tenantId: task.tenantId, externalFormReference: task.externalFormReference,
    customHeaders: task.customHeaders, priority: task.priority,
  });
}

function scalar(value: Json | undefined): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
}

/** Generic search over wire items: equality filters (plain or `$eq`), paging and sorting. */
function search(items: JsonObject[], body: unknown): { items: JsonObject[]; page: JsonObject } {
  const filter = isRecord(body) && isRecord(body.filter) ? body.filter : {};
  const matching = items.filter((item) => Object.entries(filter).every(([name, raw]) => {
    const expected: unknown = isRecord(raw) && '$eq' in raw ? raw.$eq : raw;
    if (expected === undefined || expected === null) return true;
    const actual = item[name];
    if (typeof expected === 'boolean') return actual === expected;
    return actual !== undefined && actual !== null && scalar(actual) === (typeof expected === 'string' || typeof expected === 'number' ? String(expected) : JSON.stringify(expected));
  }));
  const sort = isRecord(body) && Array.isArray(body.sort) ? body.sort : [];
  const rules = sort.flatMap((rule) => {
    const fieldName = optionalString(rule, 'field');
    return fieldName ? [{ field: fieldName, desc: optionalString(rule, 'order')?.toLowerCase() === 'desc' }] : [];
  });
  const sorted = [...matching].sort((a, b) => {
    for (const rule of rules) {
      const x = scalar(a[rule.field]);
      const y = scalar(b[rule.field]);
      if (x === y) continue;
      return (x < y ? -1 : 1) * (rule.desc ? -1 : 1);
    }
    return 0;
  });
  const page = isRecord(body) && isRecord(body.page) ? body.page : {};
  const from = typeof page.from === 'number' ? page.from : 0;
  const limit = typeof page.limit === 'number' ? page.limit : 100;
  return { items: sorted.slice(from, from + limit), page: { totalItems: matching.length, startCursor: null, endCursor: null } };
}

function wireInstance(instance: ProcessInstanceView): JsonObject {
  return toJsonObject({
    processInstanceKey: instance.key, processDefinitionId: instance.bpmnProcessId, processDefinitionName: instance.processName,
    processDefinitionVersion: instance.version, processDefinitionKey: instance.processDefinitionKey, startDate: instance.startDate,
    endDate: instance.endDate, state: instance.state === 'TERMINATED' ? 'CANCELED' : instance.state, hasIncident: instance.hasIncident,
    tenantId: instance.tenantId, ...(instance.parentProcessInstanceKey ? { parentProcessInstanceKey: instance.parentProcessInstanceKey } : {}),
  });
}

const SORTABLE = new Set(['creationDate', 'completionDate', 'dueDate', 'followUpDate', 'priority', 'name']);

function sortTasks(items: UserTaskView[], sort: unknown): UserTaskView[] {
  if (!Array.isArray(sort)) return items;
  const rules = sort.flatMap((rule) => {
    const fieldName = optionalString(rule, 'field');
    if (!fieldName) return [];
    if (!SORTABLE.has(fieldName)) throw new HttpProblem(400, 'INVALID_ARGUMENT', `Unknown sort field '${fieldName}'`);
    return [{ field: fieldName, desc: optionalString(rule, 'order')?.toLowerCase() === 'desc' }];
  });
  const value = (task: UserTaskView, name: string): string | number => {
    const v: unknown = Reflect.get(task, name === 'creationDate' ? 'creationDate' : name);
    return typeof v === 'number' || typeof v === 'string' ? v : '';
  };
  return [...items].sort((a, b) => {
    for (const rule of rules) {
      const x = value(a, rule.field);
      const y = value(b, rule.field);
      if (x === y) continue;
      return (x < y ? -1 : 1) * (rule.desc ? -1 : 1);
    }
    return 0;
  });
}

export interface RestServer {
  port: number;
  stop(): Promise<void>;
}

export async function startRestServer(engine: Engine, options: { host: string; port: number; grpcPort: () => number; logger: Logger }): Promise<RestServer> {
  const taskKey = (raw: string | undefined): string => {
    const key = parseKey(raw);
    if (key === undefined) throw new HttpProblem(400, 'INVALID_ARGUMENT', `The provided userTaskKey '${raw ?? ''}' is not a valid key`);
    return key;
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://engine');
    const parts = url.pathname.replace(/\/+$/, '').split('/').slice(1);
    const method = req.method ?? 'GET';
    // Engine-specific (not a Camunda endpoint): an instance's history from the export stream.
    if (parts[0] === 'engine' && parts[1] === 'process-instances' && parts[3] === 'history' && parts.length === 4 && method === 'GET') {
      const key = parseKey(parts[2]);
      if (key === undefined) throw new HttpProblem(400, 'INVALID_ARGUMENT', `The provided processInstanceKey '${parts[2] ?? ''}' is not a valid key`);
      const records = await engine.history(key);
      return send(res, 200, { items: records.map((r) => toJsonObject(r)) });
    }
    if (parts[0] !== 'v2') throw new HttpProblem(404, 'NOT_FOUND', `No endpoint ${method} ${url.pathname}`);
    const [, resource, id, action] = parts;
    if (resource === 'topology' && method === 'GET' && id === undefined) {
      return send(res, 200, {
        brokers: [{ nodeId: 0, host: options.host, port: options.grpcPort(), version: ENGINE_VERSION, partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }] }],
        clusterSize: 1, partitionsCount: 1, replicationFactor: 1, gatewayVersion: ENGINE_VERSION, lastCompletedChangeId: '-1',
      });
    }
    if (await handleCommand(engine, { method, resource, id, action, req, res })) return;
    if (resource === 'process-instances' && id === 'search' && method === 'POST') {
      const body = await readBody(req);
      const items = await engine.execute((core) => core.searchProcessInstances());
      // `filter.variables`: [{ name, value }] with the value as JSON text, matched against the root scope.
      const filter = isRecord(body) && isRecord(body.filter) ? body.filter : {};
      const wanted = Array.isArray(filter.variables) ? filter.variables.filter(isRecord) : [];
      const rest = isRecord(body) ? { ...body, filter: Object.fromEntries(Object.entries(filter).filter(([name]) => name !== 'variables')) } : body;
      const byVariables = items.filter((instance) => wanted.every((v) => {
        const name = optionalString(v, 'name');
        const raw: unknown = isRecord(v.value) && '$eq' in v.value ? v.value.$eq : v.value;
        if (name === undefined || typeof raw !== 'string' || !(name in instance.variables)) return false;
        let expected: unknown = raw;
        try {
          expected = JSON.parse(raw);
        } catch {
          // a plain string value
        }
        return JSON.stringify(instance.variables[name]) === JSON.stringify(expected);
      }));
      return send(res, 200, search(byVariables.map(wireInstance), rest));
    }
    if (resource === 'process-instances' && id !== undefined && method === 'GET' && action === undefined) {
      const key = parseKey(id) ?? '';
      const instance = await engine.execute((core) => core.getProcessInstance(key));
      if (!instance) throw new EngineRejectionError('NOT_FOUND', 'GET', `Process instance with key '${id}' not found`);
      return send(res, 200, wireInstance(instance));
    }
    if (resource === 'process-instances' && id !== undefined && method === 'POST' && action === 'cancellation') {
      const key = parseKey(id) ?? '0';
      await engine.execute((core) => core.cancelInstance(key));
      return send(res, 204);
    }
    if (resource === 'process-definitions') {
      const definitions = await engine.execute((core) => core.listDefinitions().map((d) => ({ definition: d, latest: core.latest(d.bpmnProcessId)?.key === d.key })));
      const wire = ({ definition: d, latest }: { definition: ProcessDefinition; latest: boolean }): JsonObject => toJsonObject({
        processDefinitionKey: d.key, processDefinitionId: d.bpmnProcessId, name: d.model.name, version: d.version,
        resourceName: d.resourceName, tenantId: d.tenantId, isLatestVersion: latest,
      });
      if (id === 'search' && method === 'POST') return send(res, 200, search(definitions.map(wire), await readBody(req)));
      const found = definitions.find((d) => d.definition.key === parseKey(id));
      if (method === 'GET' && id !== undefined && found) {
        if (action === 'xml') {
          res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(found.definition.xml);
          return;
        }
        if (action === undefined) return send(res, 200, wire(found));
      }
      if (method === 'GET' && id !== undefined && !found) throw new EngineRejectionError('NOT_FOUND', 'GET', `Process definition with key '${id}' not found`);
    }
    if (resource === 'element-instances' && id === 'search' && method === 'POST') {
      const body = await readBody(req);
      const items = await engine.execute((core) => core.activeElementInstances());
      return send(res, 200, search(items.map((e) => toJsonObject({
        elementInstanceKey: e.key, processInstanceKey: e.processInstanceKey, processDefinitionKey: e.processDefinitionKey,
        processDefinitionId: e.bpmnProcessId, elementId: e.elementId, type: e.type, state: 'ACTIVE', hasIncident: e.hasIncident,
        incidentKey: e.incidentKey, tenantId: e.tenantId,
      })), body));
    }
    if (resource === 'incidents' && id === 'search' && method === 'POST') {
      const body = await readBody(req);
      const items = await engine.execute((core) => core.searchIncidents());
      return send(res, 200, search(items.map((i) => toJsonObject({
        incidentKey: i.key, processInstanceKey: i.processInstanceKey, processDefinitionKey: i.processDefinitionKey,
        processDefinitionId: i.bpmnProcessId, errorType: i.type, errorMessage: i.message, elementId: i.elementId,
        elementInstanceKey: i.elementInstanceKey, creationTime: new Date(i.creationTime).toISOString(), state: 'ACTIVE',
        jobKey: i.jobKey, tenantId: i.tenantId,
      })), body));
    }
    if (resource === 'incidents' && id !== undefined && method === 'POST' && action === 'resolution') {
      const key = parseKey(id) ?? '0';
      await engine.execute((core) => core.resolveIncident(key));
      return send(res, 204);
    }
    if (resource === 'variables' && id === 'search' && method === 'POST') {
      const body = await readBody(req);
      const instances = await engine.execute((core) => core.searchProcessInstances());
      const items: JsonObject[] = [];
      for (const instance of instances) {
        const scopes = instance.state === 'ACTIVE' ? instance.scopes : { [instance.key]: instance.variables };
        for (const [scopeKey, vars] of Object.entries(scopes)) {
          for (const [name, value] of Object.entries(vars)) {
            items.push({ name, value: JSON.stringify(value), processInstanceKey: instance.key, scopeKey, tenantId: instance.tenantId, isTruncated: false });
          }
        }
      }
      return send(res, 200, search(items, body));
    }
    if (resource !== 'user-tasks') throw new HttpProblem(404, 'NOT_FOUND', `No endpoint ${method} ${url.pathname}`);
    if (id === 'search' && method === 'POST' && action === undefined) {
      const body = await readBody(req);
      const filterBody = isRecord(body) ? body.filter : undefined;
      const filter: UserTaskFilter = {};
      const put = (target: keyof UserTaskFilter, source: string): void => {
        const value = optionalString(filterBody, source);
        if (value !== undefined) filter[target] = value;
      };
      put('state', 'state');
      put('assignee', 'assignee');
      put('candidateGroup', 'candidateGroup');
      put('candidateUser', 'candidateUser');
      put('processInstanceKey', 'processInstanceKey');
      put('processDefinitionKey', 'processDefinitionKey');
      put('bpmnProcessId', 'processDefinitionId');
      put('elementId', 'elementId');
      put('userTaskKey', 'userTaskKey');
      const page = isRecord(body) ? body.page : undefined;
      const from = Number(isRecord(page) ? (page.from ?? 0) : 0);
      const limit = Number(isRecord(page) ? (page.limit ?? 100) : 100);
      if (!Number.isInteger(from) || from < 0 || !Number.isInteger(limit) || limit < 0) throw new HttpProblem(400, 'INVALID_ARGUMENT', 'Invalid page');
      const all = sortTasks(await engine.execute((core) => core.searchUserTasks(filter)), isRecord(body) ? body.sort : undefined);
      const items = all.slice(from, from + limit).map(wireTask);
      return send(res, 200, { items, page: { totalItems: all.length, startCursor: null, endCursor: null } });
    }
    const key = taskKey(id);
    if (method === 'POST' && action === 'variables' && parts[4] === 'search') {
      const body = await readBody(req);
      const variables = await engine.execute((core) => core.userTaskVariables(key));
      if (!variables) throw new EngineRejectionError('NOT_FOUND', 'GET', `User task with key '${key}' not found`);
      return send(res, 200, search(variables.map((v) => toJsonObject({ ...v, value: JSON.stringify(v.value), isTruncated: false })), body));
    }
    if (method === 'GET' && action === undefined) {
      const task = await engine.execute((core) => core.getUserTask(key));
      if (!task) throw new EngineRejectionError('NOT_FOUND', 'GET', `User task with key '${key}' not found`);
      return send(res, 200, wireTask(task));
    }
    if (method === 'POST' && action === 'assignment') {
      const body = await readBody(req);
      const assignee = optionalString(body, 'assignee');
      if (!assignee) throw new HttpProblem(400, 'INVALID_ARGUMENT', 'No assignee provided.');
      const allowOverride = isRecord(body) && typeof body.allowOverride === 'boolean' ? body.allowOverride : true;
      await engine.execute((core) => core.assignUserTask(key, assignee, allowOverride));
      return send(res, 204);
    }
    if (method === 'DELETE' && action === 'assignee') {
      await engine.execute((core) => core.unassignUserTask(key));
      return send(res, 204);
    }
    if (method === 'POST' && action === 'completion') {
      const body = await readBody(req);
      const variables = isRecord(body) ? body.variables : undefined;
      if (variables !== undefined && variables !== null && !isRecord(variables)) throw new HttpProblem(400, 'INVALID_ARGUMENT', "Expected 'variables' to be an object");
      const vars = toJsonObject(variables ?? {});
      await engine.execute((core) => core.completeUserTask(key, vars));
      return send(res, 204);
    }
    if (method === 'PATCH' && (action === undefined || action === 'update')) {
      const body = await readBody(req);
      // The API takes { changeset, action }; @camunda8/sdk 8.8 sends the changeset itself to /update.
      const changesetBody = isRecord(body) && isRecord(body.changeset) ? body.changeset : action === 'update' ? body : {};
      const raw = isRecord(changesetBody) ? changesetBody : {};
      const changeset: UserTaskChangeset = {};
      const dueDate = dateOrNull(raw.dueDate, 'dueDate');
      const followUpDate = dateOrNull(raw.followUpDate, 'followUpDate');
      const candidateGroups = stringList(raw.candidateGroups, 'candidateGroups');
      const candidateUsers = stringList(raw.candidateUsers, 'candidateUsers');
      if (dueDate !== undefined) changeset.dueDate = dueDate;
      if (followUpDate !== undefined) changeset.followUpDate = followUpDate;
      if (candidateGroups !== undefined) changeset.candidateGroups = candidateGroups;
      if (candidateUsers !== undefined) changeset.candidateUsers = candidateUsers;
      if (raw.priority !== undefined && raw.priority !== null) {
        if (typeof raw.priority !== 'number' || !Number.isInteger(raw.priority) || raw.priority < 0 || raw.priority > 100) {
          throw new HttpProblem(400, 'INVALID_ARGUMENT', 'The value for priority must be an integer between 0 and 100');
        }
        changeset.priority = raw.priority;
      }
      await engine.execute((core) => core.updateUserTask(key, changeset));
      return send(res, 204);
    }
    throw new HttpProblem(404, 'NOT_FOUND', `No endpoint ${method} ${url.pathname}`);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const instance = req.url ?? '/';
      if (error instanceof HttpProblem) return problem(res, instance, error.status, error.title, error.message);
      if (error instanceof EngineRejectionError) return problem(res, instance, statusOf(error), error.code, error.message);
      options.logger.error(`REST call failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      problem(res, instance, 500, 'INTERNAL_ERROR', error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = isAddressInfo(address) ? address.port : options.port;
  return {
    port,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function isAddressInfo(value: unknown): value is AddressInfo {
  return isRecord(value) && typeof value.port === 'number';
}
