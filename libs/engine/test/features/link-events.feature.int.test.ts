import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateOne, instanceState, startTestEngine, type TestEngine } from '../support/harness.js';

describe('link events', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy('link-events.bpmn');
  });
  afterAll(async () => t?.stop());

  it('continues at the catch link event of the same name, looping back and going on', async () => {
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'link-events', variables: {} });
    const first = await activateOne(t, 'link-intake');
    await t.zeebe.completeJob({ jobKey: first.key, variables: { missing: true } });
    const second = await activateOne(t, 'link-intake');
    expect(second.key).not.toBe(first.key);
    await t.zeebe.completeJob({ jobKey: second.key, variables: { missing: false } });
    const review = await activateOne(t, 'link-review');
    await t.zeebe.completeJob({ jobKey: review.key, variables: {} });
    expect(await instanceState(t, processInstanceKey)).toBe('COMPLETED');
  });

  it('rejects a throw link event without a catch link event of its name, naming the element', async () => {
    const xml = (await import('node:fs')).readFileSync(`${__dirname}/link-events.bpmn`, 'utf8').replace('name="review" />\n    </bpmn:intermediateCatchEvent>', 'x').replace('<bpmn:linkEventDefinition id="l4" name="review" />', '<bpmn:linkEventDefinition id="l4" name="other" />');
    await expect(t.zeebe.deployResource({ name: 'bad-link.bpmn', process: Buffer.from(xml) }))
      .rejects.toThrow(/INVALID_ARGUMENT[\s\S]*to-review \(bpmn:IntermediateThrowEvent\)[\s\S]*catch link event/);
  });
});
