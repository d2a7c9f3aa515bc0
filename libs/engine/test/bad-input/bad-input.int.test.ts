import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, startTestEngine, type TestEngine } from '../support/harness.js';

const fixture = (name: string) => path.join(__dirname, name);

describe('bad input is rejected with the right status and a message naming the problem', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(async () => t?.stop());

  it('rejects malformed XML with INVALID_ARGUMENT', async () => {
    const deploy = t.zeebe.deployResource({ process: Buffer.from('<bpmn:definitions><unclosed>'), name: 'broken.bpmn' });
    await expect(deploy).rejects.toThrow(/INVALID_ARGUMENT/);
    await expect(t.zeebe.deployResource({ process: Buffer.from('<bpmn:definitions><unclosed>'), name: 'broken.bpmn' }))
      .rejects.toThrow(/'broken\.bpmn'[\s\S]*Failed to parse BPMN XML/);
  });

  it('rejects an element the engine does not support, naming its id and type', async () => {
    await expect(t.zeebe.deployResource({ processFilename: fixture('unsupported.bpmn') }))
      .rejects.toThrow(/INVALID_ARGUMENT[\s\S]*anyDepartment \(bpmn:ComplexGateway\)[\s\S]*not supported/);
  });

  it('rejects unknown elements and unsupported extensions instead of ignoring them', async () => {
    const error = (await t.zeebe.deployResource({ processFilename: fixture('unknown-element.bpmn') }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/INVALID_ARGUMENT/);
    expect(error.message).toMatch(/teleporter/);
    expect(error.message).toMatch(/task \(bpmn:ServiceTask\)[\s\S]*zeebe:ExecutionListeners/);
  });

  it('rejects invalid FEEL at deployment, naming the sequence flow', async () => {
    await expect(t.zeebe.deployResource({ processFilename: fixture('invalid-feel.bpmn') }))
      .rejects.toThrow(/INVALID_ARGUMENT[\s\S]*big \(bpmn:SequenceFlow\)[\s\S]*Invalid FEEL condition/);
  });

  it('rejects a payload above the 4 MB message limit with RESOURCE_EXHAUSTED', async () => {
    // Zeebe answers RESOURCE_EXHAUSTED, which the SDK treats as back-pressure and retries: use a client without retries.
    const zeebe = clientFor(t.engine, { retry: false }).getZeebeGrpcApiClient();
    const huge = 'x'.repeat(5 * 1024 * 1024);
    await expect(zeebe.publishMessage({ name: 'huge', correlationKey: 'k', variables: { huge } })).rejects.toThrow(/RESOURCE_EXHAUSTED: Received message .*larger than 4194304/);
    await zeebe.close();
  });

  it('rejects variables that are not a JSON object', async () => {
    await expect(t.zeebe.setVariables({ elementInstanceKey: '2251799813699999', variables: '[1, 2]' as unknown as Record<string, unknown>, local: false }))
      .rejects.toThrow(/INVALID_ARGUMENT[\s\S]*root level object/);
  });

  it('answers NOT_FOUND for unknown keys', async () => {
    const unknown = '2251799813699999';
    await expect(t.zeebe.completeJob({ jobKey: unknown, variables: {} })).rejects.toThrow(/NOT_FOUND[\s\S]*no such job was found/);
    await expect(t.zeebe.failJob({ jobKey: unknown, retries: 1, errorMessage: '', retryBackOff: 0 })).rejects.toThrow(/NOT_FOUND/);
    await expect(t.zeebe.throwError({ jobKey: unknown, errorCode: 'E', errorMessage: '' })).rejects.toThrow(/NOT_FOUND/);
    await expect(t.zeebe.updateJobRetries({ jobKey: unknown, retries: 3 })).rejects.toThrow(/NOT_FOUND/);
    await expect(t.zeebe.updateJobTimeout({ jobKey: unknown, timeout: 1000 })).rejects.toThrow(/NOT_FOUND/);
    await expect(t.zeebe.cancelProcessInstance(unknown)).rejects.toThrow(/NOT_FOUND/);
    await expect(t.zeebe.resolveIncident({ incidentKey: unknown })).rejects.toThrow(/NOT_FOUND[\s\S]*no such incident/);
    const rest = await t.restCall('POST', `/v2/user-tasks/${unknown}/completion`, {});
    expect(rest).toMatchObject({ status: 404, body: { title: 'NOT_FOUND', status: 404 } });
    const malformedKey = await t.restCall('GET', '/v2/user-tasks/not-a-key');
    expect(malformedKey).toMatchObject({ status: 400, body: { title: 'INVALID_ARGUMENT' } });
  });

  it('keeps serving after all of the above', async () => {
    const topology = await t.zeebe.topology();
    expect(topology.brokers[0]?.partitions[0]).toMatchObject({ partitionId: 1, role: 'LEADER' });
    const rest = await t.rest.getTopology();
    expect(rest).toMatchObject({ clusterSize: 1, partitionsCount: 1 });
  });
});
