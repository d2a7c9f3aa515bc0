// Who sees what in the operations console: platform admins and supervisors everything, a
// department admin only the cases and department systems of their own departments.
import { DEPARTMENTS, type DepartmentCode } from '@gov/contracts';
import type { Principal } from '../../common/auth/principal.js';

export type OperationsScope =
  | { kind: 'all' }
  /** Department group paths (cases: `application.departments`) and the codes of their systems. */
  | { kind: 'departments'; paths: string[]; codes: DepartmentCode[] };

export function operationsScope(principal: Principal): OperationsScope {
  if (principal.roles.includes('admin') || principal.roles.includes('supervisor')) return { kind: 'all' };
  const paths = principal.departments.map((d) => d.path);
  return { kind: 'departments', paths, codes: DEPARTMENTS.filter((d) => paths.includes(d.path)).map((d) => d.code) };
}

/** A case is in scope when one of its departments is one of the caller's. */
export function coversCase(scope: OperationsScope, caseDepartments: readonly string[] | null): boolean {
  if (scope.kind === 'all') return true;
  return caseDepartments !== null && caseDepartments.some((d) => scope.paths.includes(d));
}

export function coversDepartment(scope: OperationsScope, code: string): boolean {
  return scope.kind === 'all' || scope.codes.some((c) => c === code);
}
