import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedRecord } from '../../src/index.js';
import { activateOne, eventually, incidentsOf, instanceState, startTestEngine, type TestEngine } from '../support/harness.js';

describe('export stream', () => {
  let t: TestEngine;
  const exported: ExportedRecord[] = [];
  const history = async (processInstanceKey: string) =>
    (await t.restCall<{ items: ExportedRecord[] }>('GET', `/engine/process-instances/${processInstanceKey}/history`)).body.items;
  const summary = (records: ExportedRecord[]) => records.map((r) => `${r.valueType} ${r.intent} ${r.elementId ?? ''}${r.valueType === 'VARIABLE' ? ` ${JSON.stringify(r.value.name)}=${JSON.stringify(r.value.value)}` : ''}`);
  beforeAll(async () => {
    t = await startTestEngine({ exporters: [{ export: (records) => { exported.push(...records); } }] });
    await t.deploy('job-lifecycle.bpmn');
  });
  afterAll(async () => t?.stop());

  it("keeps an instance's history queryable: elements, jobs, failures, incidents and variables in the order written", async () => {
    // given an instance whose job fails without retries, is repaired by an operator, then completes
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'job-lifecycle', variables: { kind: 'id', retries: 1 } });
    const job = await activateOne(t, 'check-id');
    await t.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: 'department offline', retryBackOff: 0 });
    const [incident] = await eventually(async () => {
      const found = await incidentsOf(t, processInstanceKey);
      expect(found).toHaveLength(1);
      return found;
    });
    await t.zeebe.updateJobRetries({ jobKey: job.key, retries: 1 });
    await t.zeebe.resolveIncident({ incidentKey: incident!.incidentKey });
    const again = await activateOne(t, 'check-id');
    await t.zeebe.completeJob({ jobKey: again.key, variables: { verdict: 'complete' } });
    expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED');

    // then the history shows every step, with positions in order
    const records = await history(processInstanceKey);
    // (a command's variable records follow its element and job records)
    expect(summary(records)).toEqual([
      'PROCESS_INSTANCE ELEMENT_ACTIVATED job-lifecycle',
      'PROCESS_INSTANCE ELEMENT_ACTIVATED start',
      'PROCESS_INSTANCE ELEMENT_COMPLETED start',
      'PROCESS_INSTANCE ELEMENT_ACTIVATED check',
      'JOB CREATED check',
      'VARIABLE CREATED  "kind"="\\"id\\""',
      'VARIABLE CREATED  "retries"="1"',
      'JOB FAILED check',
      'INCIDENT CREATED check',
      'INCIDENT RESOLVED check',
      'JOB COMPLETED check',
      'PROCESS_INSTANCE ELEMENT_COMPLETED check',
      'PROCESS_INSTANCE ELEMENT_ACTIVATED approvedEnd',
      'PROCESS_INSTANCE ELEMENT_COMPLETED approvedEnd',
      'VARIABLE CREATED  "verdict"="\\"complete\\""',
      'PROCESS_INSTANCE ELEMENT_COMPLETED job-lifecycle',
    ]);
    const positions = records.map((r) => BigInt(r.position ?? '0'));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    expect(records.find((r) => r.valueType === 'JOB' && r.intent === 'FAILED')?.value).toMatchObject({ retries: 0, errorMessage: 'department offline' });
    expect(records.find((r) => r.valueType === 'INCIDENT')?.value).toMatchObject({ errorType: 'JOB_NO_RETRIES' });

    // and the exporter port received the same records
    await eventually(() => expect(exported.filter((r) => r.processInstanceKey === processInstanceKey)).toHaveLength(records.length));
  });
});
