// The platform's own service-item models (processes/*/…bpmn) must deploy and start on this
// engine: a model the engine cannot run would otherwise only fail when a citizen applies.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../support/harness.js';

const processes = path.resolve(__dirname, '../../../../processes');
const models = (() => {
  try {
    return readdirSync(processes, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.bpmn')).map((f) => path.join(processes, f));
  } catch {
    return [];
  }
})();

describe('the platform models in processes/', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(async () => t?.stop());

  it.each(models.map((file) => [path.relative(processes, file), file]))('deploys and starts %s', async (_name, file) => {
    const deployment = await t.zeebe.deployResource({ processFilename: file });
    const deployed = deployment.deployments[0]?.process;
    expect(deployed?.version).toBe(1);
    const created = await t.zeebe.createProcessInstance({ bpmnProcessId: deployed!.bpmnProcessId, variables: {} });
    expect(created.processInstanceKey).toMatch(/^\d+$/);
  });
});
