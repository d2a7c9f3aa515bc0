// Every item in processes/ is valid and executable: item.json passes the catalogue schema, its
// model and form exist and match, its candidate groups are real departments, its model follows the
// case protocol (libs/contracts/src/applications.ts), and every .bpmn deploys on the embedded engine
// through the official client and runs to its result: approved after one correction at the
// pre-review, and not accepted when the pre-review rejects it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import {
  CASE_OUTCOMES, CASE_RESULT_JOB, CORRECTED_MESSAGE, DEPARTMENTS, INBOX_SYNC_JOB, LICENCE_ISSUE_JOB, caseStartVariablesSchema, serviceItemSchema,
  type CaseStartVariables, type ServiceItem, type TaskDecisionVariables,
} from '@gov/contracts';
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

/** The only job types a worker serves (apps/worker and the API's case.result worker). */
const SERVED_JOB_TYPES = ['dept.submit', 'dept.query', 'notify.send', CASE_RESULT_JOB, LICENCE_ISSUE_JOB];
const STAGES = ['pre-review', 'approval', 'hand-back'];
const RESIDENCE_PERMIT = '210100-GG-00003-C'; // the end-to-end test applies for this one

function itemOf(folder: string): ServiceItem {
  return serviceItemSchema.parse(JSON.parse(readFileSync(path.join(root, folder, 'item.json'), 'utf8')));
}
const bpmnFileOf = (folder: string) => path.join(root, folder, `${itemOf(folder).process.bpmnProcessId}.bpmn`);
const bpmnOf = (folder: string) => readFileSync(bpmnFileOf(folder), 'utf8');
const onlineFolders = folders.filter((folder) => itemOf(folder).online);

// ---------------------------------------------------------------- reading a seed model

interface FlowNode { kind: string; id: string; jobType: string | null; candidateGroups: string | null; headers: Record<string, string>; listeners: string[]; messageRef: string | null }
interface Flow { id: string; source: string; target: string; condition: string | null }
interface Model { nodes: Map<string, FlowNode>; flows: Flow[]; messages: Map<string, { name: string; correlationKey: string | null }> }

const attr = (text: string, name: string) => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(text)?.[1] ?? null;

/** Reads the flow elements of a seed model (one element per block, as these files are written). */
function modelOf(folder: string): Model {
  const xml = bpmnOf(folder);
  const process = xml.slice(xml.indexOf('<bpmn:process '), xml.indexOf('</bpmn:process>'));
  const nodes = new Map<string, FlowNode>();
  const flows: Flow[] = [];
  for (const [, kind = '', attrs = '', body = ''] of process.matchAll(/<bpmn:(\w+) ([^>]*?)(?:\/>|>([\s\S]*?)<\/bpmn:\1>)/g)) {
    const id = attr(attrs, 'id') ?? '';
    if (kind === 'sequenceFlow') {
      flows.push({ id, source: attr(attrs, 'sourceRef') ?? '', target: attr(attrs, 'targetRef') ?? '', condition: /<bpmn:conditionExpression[^>]*>([^<]*)</.exec(body)?.[1] ?? null });
      continue;
    }
    nodes.set(id, {
      kind, id,
      jobType: /<zeebe:taskDefinition type="([^"]+)"/.exec(body)?.[1] ?? null,
      candidateGroups: attr(body, 'candidateGroups'),
      headers: Object.fromEntries([...body.matchAll(/<zeebe:header key="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? ''])),
      listeners: [...body.matchAll(/<zeebe:taskListener eventType="([^"]+)" type="([^"]+)"/g)].map((m) => `${m[1] ?? ''}:${m[2] ?? ''}`),
      messageRef: /<bpmn:messageEventDefinition [^>]*messageRef="([^"]+)"/.exec(body)?.[1] ?? null,
    });
  }
  const messages = new Map([...xml.matchAll(/<bpmn:message id="([^"]+)" name="([^"]+)"[^>]*>([\s\S]*?)<\/bpmn:message>/g)]
    .map((m) => [m[1] ?? '', { name: m[2] ?? '', correlationKey: attr(m[3] ?? '', 'correlationKey') }] as const));
  return { nodes, flows, messages };
}

const ofKind = (model: Model, kind: string) => [...model.nodes.values()].filter((n) => n.kind === kind);
const preReviewOf = (model: Model) => ofKind(model, 'userTask').filter((t) => t.headers.stage === 'pre-review');

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
    // form-js draws no input for a datetime without its subtype.
    for (const field of form.components.filter((c) => (c as { type?: string }).type === 'datetime')) expect(field, field.key).toHaveProperty('subtype');
    for (const material of item.materials) {
      for (const link of [material.templateUrl, material.exampleUrl]) {
        if (!link?.startsWith('/api/')) continue;
        expect(link.startsWith(`/api/public/catalogue/items/${item.code}/files/`)).toBe(true);
        expect(readFileSync(path.join(root, folder, 'files', path.basename(link))).length).toBeGreaterThan(0);
      }
    }
  });

  it.each(folders)('%s: serves every step (job types, department headers), every user task has a department and a stage, every end has a case result', (folder) => {
    const model = modelOf(folder);
    const userTasks = ofKind(model, 'userTask');
    expect(userTasks.length).toBeGreaterThan(0);
    for (const task of userTasks) {
      // The hand-back of a counter case goes to the centre that accepted it (R14).
      if (task.headers.stage === 'hand-back') expect(task.candidateGroups, `candidate group of ${task.id}`).toBe('=counter.centre');
      else expect(groupPaths, `candidate group of ${task.id}`).toContain(task.candidateGroups);
      expect(STAGES, `stage header of ${task.id}`).toContain(task.headers.stage);
      // The inbox stays in step only if every event of every approval step reaches it.
      expect(task.listeners, `inbox listeners of ${task.id}`).toEqual(['creating', 'assigning', 'updating', 'completing', 'canceling'].map((e) => `${e}:${INBOX_SYNC_JOB}`));
    }
    for (const task of ofKind(model, 'serviceTask')) {
      expect(SERVED_JOB_TYPES, `job type of ${task.id}`).toContain(task.jobType);
      if (task.jobType === CASE_RESULT_JOB) expect(CASE_OUTCOMES, `outcome header of ${task.id}`).toContain(task.headers.outcome);
      if (task.jobType === 'dept.submit') {
        expect(DEPARTMENTS.filter((d) => d.hasSystem).map((d) => d.code), `department header of ${task.id}`).toContain(task.headers.department);
      }
    }
    const ends = ofKind(model, 'endEvent');
    expect(ends.length).toBeGreaterThan(0);
    // Every path into an end passes case.result last (a delivery gateway and the counter's hand-back may follow it).
    const resultsBefore = (id: string, seen = new Set<string>()): (FlowNode | undefined)[] => model.flows.filter((f) => f.target === id).flatMap((f) => {
      const node = model.nodes.get(f.source);
      if (!node || seen.has(node.id)) return [node];
      seen.add(node.id);
      return node.kind === 'exclusiveGateway' || node.headers.stage === 'hand-back' ? resultsBefore(node.id, seen) : [node];
    });
    for (const end of ends) {
      const before = resultsBefore(end.id);
      expect(before.length, `flows into ${end.id}`).toBeGreaterThan(0);
      for (const node of before) expect(node?.jobType, `step before ${end.id}`).toBe(CASE_RESULT_JOB);
    }
    // The only message a case waits for is the applicant's correction; department callbacks are not awaited.
    for (const message of model.messages.values()) expect(message.name).toBe(CORRECTED_MESSAGE);
  });

  it.each(onlineFolders)('%s: starts with the agency\'s pre-review, which can ask for correction once per round and not accept', (folder) => {
    const item = itemOf(folder);
    const model = modelOf(folder);
    const [preReview, ...others] = preReviewOf(model);
    expect(others).toEqual([]);
    expect(preReview?.candidateGroups).toBe(item.agency.path);
    const [start] = ofKind(model, 'startEvent');
    // Straight to the pre-review, or through a channel gateway whose default (online) branch goes there.
    const [first] = model.flows.filter((f) => f.source === start?.id).map((f) => model.nodes.get(f.target));
    const online = first?.kind === 'exclusiveGateway' ? model.flows.find((f) => f.source === first.id && f.condition === null)?.target : first?.id;
    expect(online).toBe(preReview?.id);

    const [gateway] = model.flows.filter((f) => f.source === preReview?.id).map((f) => model.nodes.get(f.target));
    expect(gateway?.kind).toBe('exclusiveGateway');
    const branch = (condition: string) => model.flows.find((f) => f.source === gateway?.id && f.condition === condition)?.target ?? '';
    const corrected = model.nodes.get(branch('=decision = "correct"'));
    expect(corrected?.kind).toBe('intermediateCatchEvent');
    expect(model.messages.get(corrected?.messageRef ?? '')).toEqual({ name: CORRECTED_MESSAGE, correlationKey: '=caseNumber' });
    expect(model.flows.filter((f) => f.source === corrected?.id).map((f) => f.target)).toEqual([preReview?.id]);
    const notAccepted = model.nodes.get(branch('=decision = "reject"'));
    expect(notAccepted).toMatchObject({ jobType: CASE_RESULT_JOB, headers: { outcome: 'rejected' } });
    // Any other correction loop belongs to a step that may ask for it (header corrections=allowed) and returns to it.
    for (const other of ofKind(model, 'intermediateCatchEvent').filter((e) => e.messageRef !== null && e.id !== corrected?.id)) {
      const [asking] = model.flows.filter((f) => f.target === other.id).map((f) => model.nodes.get(f.source));
      const [step] = model.flows.filter((f) => f.target === asking?.id).map((f) => model.nodes.get(f.source));
      expect(step?.headers.corrections, `step before ${other.id}`).toBe('allowed');
      expect(model.flows.find((f) => f.source === asking?.id && f.target === other.id)?.condition).toBe('=decision = "correct"');
      expect(model.flows.filter((f) => f.source === other.id).map((f) => f.target)).toEqual([step?.id]);
      expect(model.messages.get(other.messageRef ?? '')).toEqual({ name: CORRECTED_MESSAGE, correlationKey: '=caseNumber' });
    }
  });
});

// ---------------------------------------------------------------- running the models

type Decision = Pick<TaskDecisionVariables, 'decision' | 'approved' | 'opinion'>;
const APPROVE: Decision = { decision: 'approve', approved: true, opinion: 'ok' };
const CORRECT: Decision = { decision: 'correct', approved: false, opinion: '缺少居住证明，请补正后重新提交' };
const REJECT: Decision = { decision: 'reject', approved: false, opinion: '不属于本机关受理范围' };
const CORRECTED_FORM = { note: '已补正' };

let serial = 0;
/** Start variables as the platform sends them (`CaseStartVariables`), with a case number of their own. */
function startVariablesFor(item: ServiceItem) {
  serial += 1;
  const variables = {
    caseNumber: `SY20260302-${item.code}-${serial}`,
    applicationId: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    itemCode: item.code,
    applicant: { name: '张伟', idNumber: '210102199003071233' },
    formData: { note: '首次提交' },
    materials: [],
    correctionCount: 0,
  } satisfies CaseStartVariables;
  caseStartVariablesSchema.parse(variables);
  return variables;
}

interface Run {
  /** Element ids of the jobs and user tasks completed, in order. */
  steps: string[];
  /** `outcome` headers of the case.result jobs. */
  outcomes: string[];
  /** Variables the dept.submit jobs were activated with. */
  submitted: Record<string, unknown>[];
}

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

  /**
   * Deploys the item's model, starts a case and works it like the platform would: every job is
   * completed, every user task gets `decide(elementId, visit)`, and a correction is answered by
   * publishing the corrected message. Returns once the instance has ended.
   */
  async function runCase(folder: string, decide: (elementId: string, visit: number) => Decision, extra: Pick<CaseStartVariables, 'channel' | 'counter'> = {}): Promise<Run & { variables: ReturnType<typeof startVariablesFor> }> {
    const item = itemOf(folder);
    const model = modelOf(folder);
    const zeebe = camunda.getZeebeGrpcApiClient();
    const rest = camunda.getCamundaRestClient();
    const run: Run = { steps: [], outcomes: [], submitted: [] };
    /** Each engine call gets 10 s, so a stuck call fails naming the step instead of timing the test out. */
    const within = <T,>(what: string, call: Promise<T>) => Promise.race([call, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer to ${what} within 10 s (steps done: ${run.steps.join(', ')})`)), 10_000))]);
    const deployed = await within('deploy', zeebe.deployResource({ processFilename: bpmnFileOf(folder) }));
    expect(deployed.deployments[0]).toMatchObject({ process: { bpmnProcessId: item.process.bpmnProcessId } });
    const jobTypes = [...new Set([...ofKind(model, 'serviceTask').map((t) => t.jobType ?? ''), INBOX_SYNC_JOB])];
    const variables = { ...startVariablesFor(item), ...extra };
    const { processInstanceKey } = await within('create', zeebe.createProcessInstance({ bpmnProcessId: item.process.bpmnProcessId ?? '', variables: { ...variables } }));
    const visits = new Map<string, number>();
    const deadline = Date.now() + 30_000;
    for (;;) {
      const state = await within('state', fetch(`${engine.restAddress}/v2/process-instances/${processInstanceKey}`).then((r) => r.json() as Promise<{ state: string }>));
      if (state.state !== 'ACTIVE') {
        expect(state.state, `${folder} (steps done: ${run.steps.join(', ')})`).toBe('COMPLETED');
        return { ...run, variables };
      }
      if (Date.now() > deadline) throw new Error(`${folder} did not finish; steps done: ${run.steps.join(', ')}`);
      let progressed = false;
      for (const type of jobTypes) {
        const jobs = await within(`activate ${type}`, zeebe.activateJobs({ type, worker: 'seed-test', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: -1 }));
        for (const job of jobs) {
          if (type === CASE_RESULT_JOB) run.outcomes.push(String(job.customHeaders.outcome));
          if (type === 'dept.submit') run.submitted.push({ ...job.variables });
          await within(`complete ${job.elementId}`, zeebe.completeJob({ jobKey: job.key, variables: {} }));
          progressed = true;
          if (type === INBOX_SYNC_JOB) continue; // the inbox listeners of a user task, not a step of their own
          run.steps.push(job.elementId);
        }
      }
      const { items } = await within('search', rest.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } }));
      for (const task of items) {
        expect(groupPaths).toContain(task.candidateGroups?.[0]);
        const visit = (visits.get(task.elementId) ?? 0) + 1;
        visits.set(task.elementId, visit);
        const decision = decide(task.elementId, visit);
        await within(`complete task ${task.elementId}`, rest.completeUserTask({ userTaskKey: task.userTaskKey, variables: { ...decision } }));
        run.steps.push(task.elementId);
        if (decision.decision === 'correct') {
          // What the platform does when the applicant resubmits (buffered, so it does not race the catch event).
          await within('publish correction', zeebe.publishMessage({
            name: CORRECTED_MESSAGE, correlationKey: variables.caseNumber, timeToLive: 60_000, messageId: `${variables.caseNumber}-${visit}`,
            variables: { formData: CORRECTED_FORM, materials: [], correctionCount: visit },
          }));
        }
        progressed = true;
      }
      if (!progressed) {
        clock.advance(8 * 24 * 3600_000); // past a public-notice period (P7D), if the model waits for one
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  it.each(folders)('%s: ends approved through case.result, after the pre-review asked for one correction', async (folder) => {
    const online = itemOf(folder).online;
    const preReview = preReviewOf(modelOf(folder))[0]?.id;
    const run = await runCase(folder, (elementId, visit) => (elementId === preReview && visit === 1 ? CORRECT : APPROVE));
    expect(run.outcomes).toEqual(['approved']);
    expect(run.steps.at(-1)).toMatch(/^result-/);
    expect(run.steps.some((step) => /reject|not-accepted/.test(step))).toBe(false);
    if (online) {
      expect(run.steps.filter((step) => step === preReview)).toHaveLength(2);
      expect(run.steps.slice(0, 2)).toEqual([preReview, preReview]);
    }
    for (const submitted of run.submitted) {
      // dept.submit reads these start variables, with the corrected form data.
      expect(submitted).toMatchObject({ caseNumber: run.variables.caseNumber, itemCode: run.variables.itemCode, applicant: run.variables.applicant, formData: CORRECTED_FORM, materials: [] });
    }
  });

  it.each(onlineFolders)('%s: ends rejected through case.result when the pre-review does not accept the application', async (folder) => {
    const preReview = preReviewOf(modelOf(folder))[0]?.id;
    const run = await runCase(folder, (elementId) => (elementId === preReview ? REJECT : APPROVE));
    expect(run.outcomes).toEqual(['rejected']);
    expect(run.steps).toEqual([preReview, 'result-not-accepted']);
  });

  const partlyDecidedFolders = folders.filter((folder) => ofKind(modelOf(folder), 'serviceTask').some((t) => t.headers.outcome === 'partially-approved'));
  it.each(partlyDecidedFolders)('%s: ends partially approved when one department refuses, rejected when every department refuses', async (folder) => {
    const item = itemOf(folder);
    const departmentTasks = ofKind(modelOf(folder), 'userTask').filter((t) => item.coAgencies.some((co) => co.path === t.candidateGroups)).map((t) => t.id);
    expect(departmentTasks.length).toBeGreaterThan(1);
    const refusedBy = (refusing: string[]) => (elementId: string) => (refusing.includes(elementId) ? { ...REJECT, opinion: '不符合条件' } : APPROVE);

    const oneRefuses = await runCase(folder, refusedBy(departmentTasks.slice(0, 1)));
    expect(oneRefuses.outcomes).toEqual(['partially-approved']);
    const allRefuse = await runCase(folder, refusedBy(departmentTasks));
    expect(allRefuse.outcomes).toEqual(['rejected']);
  });

  it.each(folders.filter((f) => itemOf(f).process.eligibilityDecisionId))('%s: its eligibility rules deploy and give a reason for each unmet condition', async (folder) => {
    const decisionId = itemOf(folder).process.eligibilityDecisionId ?? '';
    const zeebe = camunda.getZeebeGrpcApiClient();
    await zeebe.deployResource({ decisionFilename: path.join(root, folder, `${decisionId}.dmn`) });
    const reasons = async (variables: Record<string, number>) => JSON.parse((await zeebe.evaluateDecision({ decisionId, variables })).decisionOutput) as unknown;
    expect(await reasons({ familySize: 3, monthlyIncome: 1500 })).toEqual([]);
    expect(await reasons({ familySize: 2, monthlyIncome: 2400 })).toEqual([expect.stringContaining('最低生活保障标准')]);
    expect(await reasons({ familySize: 0, monthlyIncome: 0 })).toEqual([expect.stringContaining('家庭人口')]);
  });

  it('opening a restaurant: after three departments approve, the results go to two department systems (market supervision, fire) before the case ends', async () => {
    const run = await runCase('210100-GG-00001-G', () => APPROVE);
    expect(run.outcomes).toEqual(['approved']);
    expect(run.steps.slice(-3)).toEqual(['register-amr', 'register-fire', 'result-approved']);
    const model = modelOf('210100-GG-00001-G');
    expect([model.nodes.get('register-amr')?.headers.department, model.nodes.get('register-fire')?.headers.department]).toEqual(['amr', 'fr']);
    expect(run.submitted).toHaveLength(2);
  });

  it('opening a restaurant: a department asks for correction in its own branch and decides again once corrected; the others go on', async () => {
    const run = await runCase('210100-GG-00001-G', (elementId, visit) => (elementId === 'food-licence' && visit === 1 ? CORRECT : APPROVE));
    expect(run.outcomes).toEqual(['approved']);
    expect(run.steps.filter((step) => step === 'food-licence')).toHaveLength(2);
    expect(run.steps.filter((step) => step === 'fire-check' || step === 'eia-filing').sort()).toEqual(['eia-filing', 'fire-check']);
  });

  it('minimum living allowance accepted at a community window: street survey, district approval, result handed back at that window (R14)', async () => {
    const centre = '/沈阳市/和平区/太原街街道/北市社区';
    const counter = { channel: 'counter' as const, counter: { centre, centreName: '和平区太原街街道北市社区', clerk: 'clerk-community' } };
    const approved = await runCase('210100-GF-00001-H', () => APPROVE, counter);
    expect(approved.steps).toEqual(['street-review', 'district-approve', 'result-approved', 'hand-back']);
    expect(approved.outcomes).toEqual(['approved']);
    const refused = await runCase('210100-GF-00001-H', (elementId) => (elementId === 'district-approve' ? REJECT : APPROVE), counter);
    expect(refused.steps).toEqual(['street-review', 'district-approve', 'result-rejected', 'hand-back']);
    const online = await runCase('210100-GF-00001-H', () => APPROVE);
    expect(online.steps).toEqual(['pre-review', 'street-review', 'district-approve', 'result-approved']);
  });

  it('residence permit (the end-to-end item): pre-review, review, card ordered from the police system, approved', async () => {
    const run = await runCase(RESIDENCE_PERMIT, () => APPROVE);
    expect(run.steps).toEqual(['pre-review', 'review', 'produce', 'result-approved']);
    expect(run.outcomes).toEqual(['approved']);
    expect(modelOf(RESIDENCE_PERMIT).nodes.get('produce')).toMatchObject({ jobType: 'dept.submit', headers: { department: 'psb' } });
  });
});
