// Evaluates a decision (and the decisions it requires) against variables, following Camunda's
// DMN semantics (https://docs.camunda.io/docs/components/modeler/dmn/decision-table-hit-policy/):
// input expressions are FEEL, input entries unary tests, output entries FEEL expressions.
import { evaluate, unaryTest } from 'feelin';
import { toJson, type Json, type JsonObject } from '../runtime/json.js';
import type { DecisionModel, DecisionRequirementsModel, DecisionTable } from './decision-model.js';

export interface EvaluatedDecisionDetail {
  decisionId: string;
  decisionName?: string;
  decisionType: 'DECISION_TABLE' | 'LITERAL_EXPRESSION';
  output: Json;
  inputs: { inputId: string; inputName: string; inputValue: Json }[];
  matchedRules: { ruleId: string; ruleIndex: number; outputs: { outputId: string; outputName: string; outputValue: Json }[] }[];
}

export type DecisionOutcome =
  | { ok: true; output: Json; evaluated: EvaluatedDecisionDetail[] }
  | { ok: false; failedDecisionId: string; message: string; evaluated: EvaluatedDecisionDetail[] };

class DecisionFailure extends Error {
  constructor(readonly decisionId: string, message: string) {
    super(message);
  }
}

function feel(expression: string, context: JsonObject, decisionId: string): Json {
  if (expression.trim() === '') return null;
  try {
    return toJson(evaluate(expression, context).value);
  } catch (error) {
    throw new DecisionFailure(decisionId, `failed to evaluate expression '${expression}': ${error instanceof Error ? error.message : String(error)}`);
  }
}

function matches(entry: string, input: Json, context: JsonObject, decisionId: string): boolean {
  const text = entry.trim();
  if (text === '' || text === '-') return true;
  try {
    return unaryTest(text, { ...context, '?': input }).value === true;
  } catch (error) {
    throw new DecisionFailure(decisionId, `failed to evaluate unary tests '${text}': ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function evaluateDecision(drg: DecisionRequirementsModel, decisionId: string, variables: JsonObject): DecisionOutcome {
  const evaluated: EvaluatedDecisionDetail[] = [];
  const results = new Map<string, Json>();
  const run = (id: string, path: string[]): Json => {
    const known = results.get(id);
    if (known !== undefined) return known;
    const decision = drg.decisions.find((d) => d.id === id);
    if (!decision) throw new DecisionFailure(id, `Expected to find decision '${id}' in '${drg.id}', but not found`);
    if (path.includes(id)) throw new DecisionFailure(id, `decision '${id}' requires itself (${[...path, id].join(' -> ')})`);
    const context: JsonObject = { ...variables };
    for (const required of decision.requires) context[required] = run(required, [...path, id]);
    const detail = evaluateOne(decision, context);
    evaluated.push(detail);
    results.set(id, detail.output);
    return detail.output;
  };
  try {
    return { ok: true, output: run(decisionId, []), evaluated };
  } catch (error) {
    if (error instanceof DecisionFailure) return { ok: false, failedDecisionId: error.decisionId, message: error.message, evaluated };
    throw error;
  }
}

function evaluateOne(decision: DecisionModel, context: JsonObject): EvaluatedDecisionDetail {
  const base = { decisionId: decision.id, ...(decision.name === undefined ? {} : { decisionName: decision.name }) };
  if (decision.logic.kind === 'literal') {
    return { ...base, decisionType: 'LITERAL_EXPRESSION', output: feel(decision.logic.expression, context, decision.id), inputs: [], matchedRules: [] };
  }
  const table = decision.logic;
  const inputs = table.inputs.map((input) => ({ inputId: input.id, inputName: input.label ?? input.expression, inputValue: feel(input.expression, context, decision.id) }));
  const matchedRules: EvaluatedDecisionDetail['matchedRules'] = [];
  table.rules.forEach((rule, index) => {
    const hit = rule.inputEntries.every((entry, i) => matches(entry, inputs[i]?.inputValue ?? null, context, decision.id));
    if (!hit) return;
    matchedRules.push({
      ruleId: rule.id, ruleIndex: index + 1,
      outputs: table.outputs.map((output, i) => ({ outputId: output.id, outputName: output.name, outputValue: feel(rule.outputEntries[i] ?? '', context, decision.id) })),
    });
  });
  const selected = applyHitPolicy(table, matchedRules, decision.id);
  return { ...base, decisionType: 'DECISION_TABLE', output: selected.output, inputs, matchedRules: selected.rules };
}

type Matched = EvaluatedDecisionDetail['matchedRules'];

function ruleOutput(table: DecisionTable, rule: Matched[number]): Json {
  if (table.outputs.length === 1) return rule.outputs[0]?.outputValue ?? null;
  const result: JsonObject = {};
  for (const output of rule.outputs) result[output.outputName] = output.outputValue;
  return result;
}

/** Rank of a rule's outputs in the outputs' value lists (PRIORITY, OUTPUT ORDER); lower first. */
function rank(table: DecisionTable, rule: Matched[number]): number[] {
  return table.outputs.map((output, i) => {
    if (output.values.length === 0) return 0;
    const value = rule.outputs[i]?.outputValue ?? null;
    const position = output.values.findIndex((literal) => JSON.stringify(toJson(evaluate(literal, {}).value)) === JSON.stringify(value));
    return position === -1 ? output.values.length : position;
  });
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

function applyHitPolicy(table: DecisionTable, matched: Matched, decisionId: string): { output: Json; rules: Matched } {
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matched.length > 1) throw new DecisionFailure(decisionId, `Hit policy 'UNIQUE' only allows a single rule to match, but multiple rules matched: ${matched.map((r) => r.ruleId).join(', ')}`);
      return { output: matched[0] ? ruleOutput(table, matched[0]) : null, rules: matched };
    case 'FIRST':
      return { output: matched[0] ? ruleOutput(table, matched[0]) : null, rules: matched.slice(0, 1) };
    case 'ANY': {
      const outputs = matched.map((rule) => JSON.stringify(ruleOutput(table, rule)));
      if (new Set(outputs).size > 1) throw new DecisionFailure(decisionId, `Hit policy 'ANY' only allows multiple matched rules with equal output, but the outputs differ: ${outputs.join(', ')}`);
      return { output: matched[0] ? ruleOutput(table, matched[0]) : null, rules: matched.slice(0, 1) };
    }
    case 'PRIORITY': {
      const first = [...matched].sort((a, b) => compareRanks(rank(table, a), rank(table, b)))[0];
      return { output: first ? ruleOutput(table, first) : null, rules: first ? [first] : [] };
    }
    case 'RULE ORDER':
      return { output: matched.map((rule) => ruleOutput(table, rule)), rules: matched };
    case 'OUTPUT ORDER': {
      const sorted = [...matched].sort((a, b) => compareRanks(rank(table, a), rank(table, b)));
      return { output: sorted.map((rule) => ruleOutput(table, rule)), rules: sorted };
    }
    case 'COLLECT': {
      if (table.aggregation === undefined) return { output: matched.map((rule) => ruleOutput(table, rule)), rules: matched };
      if (table.aggregation === 'COUNT') return { output: matched.length, rules: matched };
      const values = matched.map((rule) => rule.outputs[0]?.outputValue ?? null).filter((v) => v !== null);
      if (values.length === 0) return { output: null, rules: matched };
      const numbers = values.filter((v): v is number => typeof v === 'number');
      if (numbers.length !== values.length) throw new DecisionFailure(decisionId, `Expected the outputs of aggregation '${table.aggregation}' to be numbers, but found ${JSON.stringify(values)}`);
      const output = table.aggregation === 'SUM' ? numbers.reduce((a, b) => a + b, 0) : table.aggregation === 'MIN' ? Math.min(...numbers) : Math.max(...numbers);
      return { output, rules: matched };
    }
  }
}
