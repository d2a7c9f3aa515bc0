/** One problem the server found when the applicant submitted, sorted by what it is about. */
export type ProblemTarget = { kind: 'field'; key: string } | { kind: 'material'; materialId: string } | { kind: 'other' };

export interface SubmitProblem {
  target: ProblemTarget;
  message: string;
}

export interface SortedProblems {
  /** Every problem, in the server's order (for the summary). */
  all: SubmitProblem[];
  /** Messages per form field key (`formData.<key>`). */
  fields: Record<string, string[]>;
  /** Messages per material id (`materials.<materialId>`). */
  materials: Record<string, string[]>;
}

/**
 * Reads the `errors` of a 422 answer to submit or resubmit: form fields come as
 * `formData.<key>` (the key may itself be dotted), materials as `materials.<materialId>`
 * (anything after the id is detail of that material); everything else is about the case.
 */
export function sortProblems(errors: readonly { path: string; message: string }[]): SortedProblems {
  const sorted: SortedProblems = { all: [], fields: {}, materials: {} };
  for (const { path, message } of errors) {
    const target = targetOf(path);
    sorted.all.push({ target, message });
    if (target.kind === 'field') (sorted.fields[target.key] ??= []).push(message);
    if (target.kind === 'material') (sorted.materials[target.materialId] ??= []).push(message);
  }
  return sorted;
}

function targetOf(path: string): ProblemTarget {
  const field = /^formData\.(.+)$/.exec(path);
  if (field?.[1]) return { kind: 'field', key: field[1] };
  const material = /^materials\.([^.]+)/.exec(path);
  if (material?.[1]) return { kind: 'material', materialId: material[1] };
  return { kind: 'other' };
}
