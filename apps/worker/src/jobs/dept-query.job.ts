// dept.query: asks a department's system whether it has decided (for departments without
// callbacks). Undecided → the job is tried again after the poll interval without using a retry.
// Decided (approved or rejected) → `{department}Decision` for the model's gateway.
import { type DepartmentCode, deptApplicationRecordSchema } from '@gov/contracts';
import { z } from 'zod';
import type { DepartmentClient } from '../departments/department-client.js';
import { applicationVariable, DEFAULT_REJECTION_CODE, rejection } from './dept-submit.job.js';
import { departmentHeader, stringHeader } from './headers.js';
import { DeferJobError, FatalJobError } from './job-errors.js';
import type { JobHandler } from './job-handler.js';

const variables = z.record(z.string(), z.unknown());
const caseNumberOf = (variables: Record<string, unknown>) => (typeof variables.caseNumber === 'string' ? { caseNumber: variables.caseNumber } : {});
const submitted = z.object({ applicationId: z.string().min(1) });

export const decisionVariable = (department: DepartmentCode) => `${department}Decision`;

export function deptQueryJob(client: DepartmentClient, timeoutMs: number, pollIntervalMs: number): JobHandler<typeof variables> {
  return {
    type: 'dept.query',
    variables,
    timeoutMs,
    async handle(job) {
      const department = departmentHeader(job.headers);
      const application = submitted.safeParse(job.variables[applicationVariable(department)]);
      if (!application.success) throw new FatalJobError(`Variable ${applicationVariable(department)}.applicationId is missing: run dept.submit first`);
      const answer = await client.call(department, { method: 'GET', jobType: 'dept.query', path: `/applications/${encodeURIComponent(application.data.applicationId)}`, ...caseNumberOf(job.variables) });
      if (answer.status >= 400) throw rejection(department, answer.status, answer.body, stringHeader(job.headers, 'errorCode') ?? DEFAULT_REJECTION_CODE);
      const record = deptApplicationRecordSchema.safeParse(answer.body);
      if (!record.success) throw new FatalJobError(`${department} answered with an unexpected body: ${record.error.message}`);
      const { status, result, reason, decidedAt } = record.data;
      if (status === 'received' || status === 'processing') throw new DeferJobError(`${department} has not decided ${application.data.applicationId} yet`, pollIntervalMs);
      return { [decisionVariable(department)]: { status, result: result ?? {}, reason: reason ?? '', decidedAt: decidedAt ?? '' } };
    },
  };
}
