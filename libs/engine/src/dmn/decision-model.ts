// The executable form of a DMN resource (decision requirements graph): decision tables and
// literal expressions, already validated.

export type HitPolicy = 'UNIQUE' | 'FIRST' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'PRIORITY' | 'OUTPUT ORDER';
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionTable {
  kind: 'table';
  hitPolicy: HitPolicy;
  aggregation?: Aggregation;
  inputs: { id: string; label?: string; expression: string }[];
  /** Outputs; `values` are the output values (FEEL literals) that rank PRIORITY/OUTPUT ORDER. */
  outputs: { id: string; name: string; values: string[] }[];
  rules: { id: string; inputEntries: string[]; outputEntries: string[] }[];
}

export interface LiteralDecision {
  kind: 'literal';
  variableName: string;
  expression: string;
}

export interface DecisionModel {
  id: string;
  name?: string;
  /** `zeebe:versionTag` of the decision, for business rule tasks bound by version tag. */
  versionTag?: string;
  /** Decisions this one requires: evaluated first, their results visible under their ids. */
  requires: string[];
  logic: DecisionTable | LiteralDecision;
}

export interface DecisionRequirementsModel {
  id: string;
  name?: string;
  decisions: DecisionModel[];
}
