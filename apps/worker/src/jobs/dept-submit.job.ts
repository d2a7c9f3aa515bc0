// dept.submit: pushes an application (form data and materials by reference) to the department's own system. The job key is the
// idempotency key, so a job delivered again (worker died, timeout) never creates a second
// application there. Task headers: `department` (code, required), `errorCode` (default
// DEPT_REJECTED: thrown when the department refuses the application with a 4xx).
import { type DepartmentCode, deptApplicationRecordSchema } from '@gov/contracts';
import { z } from 'zod';
import type { DepartmentClient } from '../departments/department-client.js';
import { departmentHeader, stringHeader } from './headers.js';
import { BusinessJobError, FatalJobError } from './job-errors.js';
import type { Json, JobHandler } from './job-handler.js';

const variables = z.object({
  caseNumber: z.string().min(1),
  itemCode: z.string().min(1),
  applicant: z.object({ name: z.string().min(1), idNumber: z.string().min(1) }),
  formData: z.record(z.string(), z.json()).default({}),
  materials: z.array(z.object({ name: z.string(), url: z.string(), sha256: z.string().optional() })).default([]),
});

export const DEFAULT_REJECTION_CODE = 'DEPT_REJECTED';

/** The variable a department's answer lands in, e.g. `amrApplication`. */
export const applicationVariable = (department: DepartmentCode) => `${department}Application`;

export function deptSubmitJob(client: DepartmentClient, timeoutMs: number): JobHandler<typeof variables> {
  return {
    type: 'dept.submit',
    variables,
    timeoutMs,
    async handle(job) {
      const department = departmentHeader(job.headers);
      const answer = await client.call(department, {
        method: 'POST',
        path: '/applications',
        jobType: 'dept.submit',
        idempotencyKey: job.key,
        caseNumber: job.variables.caseNumber,
        body: { caseNumber: job.variables.caseNumber, itemCode: job.variables.itemCode, applicant: job.variables.applicant, data: job.variables.formData,
          materials: job.variables.materials },
      });
      if (answer.status >= 400) throw rejection(department, answer.status, answer.body, stringHeader(job.headers, 'errorCode') ?? DEFAULT_REJECTION_CODE);
      const record = deptApplicationRecordSchema.safeParse(answer.body);
      if (!record.success) throw new FatalJobError(`${department} answered ${answer.status} with an unexpected body: ${record.error.message}`);
      return { [applicationVariable(department)]: { applicationId: record.data.applicationId, status: record.data.status, receivedAt: record.data.receivedAt } };
    },
  };
}

const problemSchema = z.object({ code: z.string().optional(), message: z.string().optional() });

export function rejection(department: DepartmentCode, status: number, body: unknown, errorCode: string): BusinessJobError {
  const problem = problemSchema.safeParse(body);
  const code = problem.success ? problem.data.code ?? `HTTP_${status}` : `HTTP_${status}`;
  const message = problem.success ? problem.data.message ?? '' : '';
  const deptError: Record<string, Json> = { department, status, code, message };
  return new BusinessJobError(errorCode, `${department} refused (${status} ${code}): ${message}`, { deptError });
}
