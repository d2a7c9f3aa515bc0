import { type DepartmentCode, departmentCodeSchema } from '@gov/contracts';
import { FatalJobError } from './job-errors.js';

type Headers = Readonly<Record<string, string | number>>;

export function stringHeader(headers: Headers, name: string): string | null {
  const value = headers[name];
  return value === undefined || value === '' ? null : String(value);
}

/** The `department` task header: which department's system the task talks to. */
export function departmentHeader(headers: Headers): DepartmentCode {
  const parsed = departmentCodeSchema.safeParse(stringHeader(headers, 'department'));
  if (!parsed.success) throw new FatalJobError(`Task header "department" must name a department code (got ${stringHeader(headers, 'department') ?? 'nothing'})`);
  return parsed.data;
}
