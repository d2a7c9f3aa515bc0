// A do-nothing gateway_protocol.Gateway: answers instantly, keeps no state beyond a counter of
// jobs owed per type, runs no BPMN. It measures what the client workload alone costs on this
// machine, so the engine's figure can be read against it.
import path from 'node:path';
import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

const require = createRequire(import.meta.url);
const proto = path.join(path.dirname(require.resolve('@camunda8/sdk')), 'proto', 'zeebe.proto');

/** Jobs each process creates, by BPMN process id (the same shapes as the engine runs). */
const JOBS = { 'bench-single-task': ['bench-task'], 'bench-parallel-approval': ['bench-dept', 'bench-dept', 'bench-dept'] };

export async function startNullGateway() {
  const definition = loadSync(proto, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
  const service = definition['gateway_protocol.Gateway'];
  let key = 2251799813685248n;
  const next = () => String(++key);
  const owed = new Map(); // type -> [{ processInstanceKey, bpmnProcessId }]
  const waiters = new Map(); // type -> [() => void]
  const give = (type) => {
    const list = waiters.get(type) ?? [];
    waiters.set(type, []);
    for (const wake of list) wake();
  };
  const take = (request) => {
    const queue = owed.get(request.type) ?? [];
    const batch = queue.splice(0, request.maxJobsToActivate);
    return batch.map((owedJob) => ({
      key: next(), type: request.type, processInstanceKey: owedJob.processInstanceKey, bpmnProcessId: owedJob.bpmnProcessId,
      processDefinitionVersion: 1, processDefinitionKey: '1', elementId: 'task', elementInstanceKey: next(), customHeaders: '{}',
      worker: request.worker, retries: 3, deadline: String(Date.now() + Number(request.timeout)), variables: '{}', tenantId: '<default>',
    }));
  };
  const handlers = {
    Topology: (_call, cb) => cb(null, { brokers: [{ nodeId: 0, host: '127.0.0.1', port: 0, version: '8.8.0', partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }] }], clusterSize: 1, partitionsCount: 1, replicationFactor: 1, gatewayVersion: '8.8.0' }),
    DeployResource: (call, cb) => cb(null, { key: next(), tenantId: '<default>', deployments: call.request.resources.map((r) => ({ process: { bpmnProcessId: 'x', version: 1, processDefinitionKey: next(), resourceName: r.name, tenantId: '<default>' } })) }),
    CreateProcessInstance: (call, cb) => {
      const processInstanceKey = next();
      const { bpmnProcessId } = call.request;
      for (const type of JOBS[bpmnProcessId] ?? []) {
        if (!owed.has(type)) owed.set(type, []);
        owed.get(type).push({ processInstanceKey, bpmnProcessId });
        give(type);
      }
      cb(null, { processDefinitionKey: '1', bpmnProcessId, version: 1, processInstanceKey, tenantId: '<default>' });
    },
    CompleteJob: (_call, cb) => cb(null, {}),
    ActivateJobs: (call) => {
      const request = call.request;
      let done = false;
      const finish = (jobs) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (jobs.length > 0) call.write({ jobs });
        call.end();
      };
      const attempt = () => {
        const jobs = take(request);
        if (jobs.length > 0) return finish(jobs);
        if (!waiters.has(request.type)) waiters.set(request.type, []);
        waiters.get(request.type).push(attempt);
      };
      const timer = setTimeout(() => finish([]), Number(request.requestTimeout) > 0 ? Number(request.requestTimeout) : 10_000);
      call.on('cancelled', () => { done = true; clearTimeout(timer); });
      attempt();
    },
  };
  for (const name of Object.keys(service)) {
    handlers[name] ??= (call, cb) => (cb ? cb({ code: grpc.status.UNIMPLEMENTED }) : call.emit('error', { code: grpc.status.UNIMPLEMENTED }));
  }
  const server = new grpc.Server();
  server.addService(service, handlers);
  const port = await new Promise((resolve, reject) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  return { address: `grpc://127.0.0.1:${port}`, stop: () => new Promise((resolve) => server.tryShutdown(() => resolve())) };
}

// Run as its own process (like the engine), so it does not share the client's CPU.
if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const gateway = await startNullGateway();
  process.stdout.write(`null gateway ready: ${gateway.address}\n`);
  process.on('SIGTERM', () => { void gateway.stop().then(() => process.exit(0)); });
}
