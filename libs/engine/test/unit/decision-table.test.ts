import { describe, expect, it } from 'vitest';
import { evaluateDecision } from '../../src/dmn/evaluate-decision.js';
import { parseDmn } from '../../src/dmn/parse-dmn.js';
import { ModelValidationError } from '../../src/model/parse-bpmn.js';

/** Builds a one-decision DMN with a single input `x` and a single output. */
function table(hitPolicy: string, rules: [string, string][], extra = '', outputValues = ''): string {
  return `<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="drg" name="T" namespace="n">
  <decision id="d"><decisionTable id="t" hitPolicy="${hitPolicy}" ${extra}>
    <input id="i"><inputExpression id="ie"><text>x</text></inputExpression></input>
    <output id="o" name="out">${outputValues === '' ? '' : `<outputValues id="ov"><text>${outputValues}</text></outputValues>`}</output>
    ${rules.map(([test, out], n) => `<rule id="r${n}"><inputEntry id="e${n}"><text>${test}</text></inputEntry><outputEntry id="u${n}"><text>${out}</text></outputEntry></rule>`).join('\n')}
  </decisionTable></decision></definitions>`;
}

async function outputOf(xml: string, x: unknown) {
  const outcome = evaluateDecision(await parseDmn(xml), 'd', { x: x as never });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.output;
}

describe('DMN decision tables', () => {
  const numbers: [string, string][] = [['&gt; 1', '10'], ['&gt; 2', '3'], ['&gt; 3', '7']];

  it('aggregates COLLECT outputs with SUM, MIN, MAX and COUNT', async () => {
    expect(await outputOf(table('COLLECT', numbers, 'aggregation="SUM"'), 5)).toBe(20);
    expect(await outputOf(table('COLLECT', numbers, 'aggregation="MIN"'), 5)).toBe(3);
    expect(await outputOf(table('COLLECT', numbers, 'aggregation="MAX"'), 5)).toBe(10);
    expect(await outputOf(table('COLLECT', numbers, 'aggregation="COUNT"'), 5)).toBe(3);
  });

  it('returns null for an aggregation without matches, 0 for COUNT, and an empty list for COLLECT and RULE ORDER', async () => {
    expect(await outputOf(table('COLLECT', numbers, 'aggregation="SUM"'), 0)).toBeNull();
    expect(await outputOf(table('COLLECT', numbers, 'aggregation="COUNT"'), 0)).toBe(0);
    expect(await outputOf(table('COLLECT', numbers), 0)).toEqual([]);
    expect(await outputOf(table('RULE ORDER', numbers), 0)).toEqual([]);
    expect(await outputOf(table('UNIQUE', numbers), 0)).toBeNull();
  });

  it('orders PRIORITY and OUTPUT ORDER by the output values', async () => {
    const rules: [string, string][] = [['-', '"b"'], ['-', '"a"'], ['-', '"c"']];
    expect(await outputOf(table('PRIORITY', rules, '', '"a","b","c"'), 1)).toBe('a');
    expect(await outputOf(table('OUTPUT ORDER', rules, '', '"c","a","b"'), 1)).toEqual(['c', 'a', 'b']);
  });

  it('treats empty and "-" input entries as matching anything, and empty output entries as null', async () => {
    expect(await outputOf(table('FIRST', [['', '']]), 1)).toBeNull();
    expect(await outputOf(table('COLLECT', [['', '1'], ['-', '2']]), 'anything')).toEqual([1, 2]);
  });

  it('rejects aggregation outside COLLECT and unknown hit policies, naming the decision', async () => {
    await expect(parseDmn(table('FIRST', numbers, 'aggregation="SUM"'))).rejects.toThrow(ModelValidationError);
    await expect(parseDmn(table('UNIQUE', numbers).replace('hitPolicy="UNIQUE"', 'hitPolicy="SOMETHING"'))).rejects.toThrow(/Decision: d/);
  });
});
