// Every item in processes/ is valid and executable: item.json passes the catalogue schema, its
// model and form exist and match, its candidate groups are real departments, and every .bpmn
// deploys on the embedded engine through the official client and runs to its end.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { serviceItemSchema, type ServiceItem } from '@gov/contracts';
import { FakeClock, type RunningEngine, startEngine } from '@gov/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { processesDir } from '../src/modules/catalogue/processes-dir.js';

const root = processesDir();
const folders = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const realm = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../keycloak/gov-realm.json'), 'utf8')) as { groups: Group[] };
interface Group { name: string; subGroups?: Group[] }
const groupPaths = new Set<string>();
const walk = (groups: Group[], parent: string) => groups.forEach((g) => { groupPaths.add(`${parent}/${g.name}`); walk(g.subGroups ?? [], `${parent}/${g.name}`); });
walk(realm.groups, '');

function itemOf(folder: string): ServiceItem {
  return serviceItemSchema.parse(JSON.parse(readFileSync(path.join(root, folder, 'item.json'), 'utf8')));
}
const bpmnOf = (folder: string) => readFileSync(path.join(root, folder, `${itemOf(folder).process.bpmnProcessId}.bpmn`), 'utf8');

describe('seed items in processes/', () => {
  it('holds the eight items the catalogue promises, one of them offline with its reason', () => {
    expect(folders).toHaveLength(8);
    const items = folders.map(itemOf);
    expect(items.filter((i) => !i.online).map((i) => i.offlineReason)).toEqual([expect.stringContaining('亲自到婚姻登记机关')]);
  });

  it.each(folders)('%s: item.json is valid and named after its code; model, form and templates are there', (folder) => {
    const item = itemOf(folder);
    expect(item.code).toBe(folder);
    expect(groupPaths).toContain(item.agency.path);
    for (const co of item.coAgencies) expect(groupPaths).toContain(co.path);
    const bpmn = bpmnOf(folder);
    expect(bpmn).toContain(`<bpmn:process id="${item.process.bpmnProcessId}"`);
    const form = JSON.parse(readFileSync(path.join(root, folder, `${item.process.formId}.form`), 'utf8')) as { id: string; type: string; components: { key?: string }[] };
    expect(form).toMatchObject({ id: item.process.formId, type: 'default' });
    expect(form.components.filter((c) => c.key).length).toBeGreaterThan(3);
    for (const material of item.materials) {
      for (const link of [material.templateUrl, material.exampleUrl]) {
        if (!link?.startsWith('/api/')) continue;
        expect(link.startsWith(`/api/public/catalogue/items/${item.code}/files/`)).toBe(true);
        expect(readFileSync(path.join(root, folder, 'files', path.basename(link))).length).toBeGreaterThan(0);
      }
    }
    const groups = [...bpmn.matchAll(/candidateGroups="([^"]+)"/g)].map((m) => m[1]);
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) expect(groupPaths, `candidate group ${group}`).toContain(group);
  });
});

describe('seed models on the embedded engine (official client)', () => {
  // A fresh database, free ports and a fake clock; the engine is driven only through the official client.
  const clock = new FakeClock('2026-03-02T01:00:00.000Z');
  let db: TestDatabase;
  let engine: RunningEngine;
  let camunda: Camunda8;
  beforeAll(async () => {
    db = await createTestDatabase();
    engine = await startEngine({ databaseUrl: db.url, grpcPort: 0, restPort: 0, clock });
    camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: engine.grpcAddress, ZEEBE_REST_ADDRESS: engine.restAddress, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    });
  });
  afterAll(async () => {
    await camunda?.getZeebeGrpcApiClient().close();
    await engine?.stop();
    await db?.drop();
  });

  it.each(folders)('%s: deploys and runs from start to the approved end', async (folder) => {
    const item = itemOf(folder);
    const zeebe = camunda.getZeebeGrpcApiClient();
    const rest = camunda.getCamundaRestClient();
    const done = new Set<string>();
    /** Each engine call gets 10 s, so a stuck call fails naming the step instead of timing the test out. */
    const within = <T,>(what: string, call: Promise<T>) => Promise.race([call, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer to ${what} within 10 s (steps done: ${[...done].join(', ')})`)), 10_000))]);
    const deployed = await within('deploy', zeebe.deployResource({ processFilename: path.join(root, folder, `${item.process.bpmnProcessId}.bpmn`) }));
    expect(deployed.deployments[0]).toMatchObject({ process: { bpmnProcessId: item.process.bpmnProcessId } });
    const jobTypes = [...new Set([...bpmnOf(folder).matchAll(/taskDefinition type="([^"]+)"/g)].map((m) => m[1] ?? ''))];
    const { processInstanceKey } = await within('create', zeebe.createProcessInstance({
      bpmnProcessId: item.process.bpmnProcessId ?? '', variables: { itemCode: item.code, rulesPassed: false, approved: true, needsInspection: true },
    }));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const state = await within('state', fetch(`${engine.restAddress}/v2/process-instances/${processInstanceKey}`).then((r) => r.json() as Promise<{ state: string }>));
      if (state.state !== 'ACTIVE') {
        expect(state.state).toBe('COMPLETED');
        break;
      }
      if (Date.now() > deadline) throw new Error(`${folder} did not finish; steps done: ${[...done].join(', ')}`);
      let progressed = false;
      for (const type of jobTypes) {
        const jobs = await within(`activate ${type}`, zeebe.activateJobs({ type, worker: 'seed-test', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: -1 }));
        for (const job of jobs) {
          await within(`complete ${job.elementId}`, zeebe.completeJob({ jobKey: job.key, variables: {} }));
          done.add(job.elementId);
          progressed = true;
        }
      }
      const { items } = await within('search', rest.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } }));
      for (const task of items) {
        expect(groupPaths).toContain(task.candidateGroups?.[0]);
        await within(`complete task ${task.elementId}`, rest.completeUserTask({ userTaskKey: task.userTaskKey, variables: { approved: true } }));
        done.add(task.elementId);
        progressed = true;
      }
      if (!progressed) {
        clock.advance(8 * 24 * 3600_000); // past a public-notice period (P7D), if the model waits for one
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    expect(done.size).toBeGreaterThan(1);
    expect([...done].some((step) => /reject/.test(step))).toBe(false);
  });
});
