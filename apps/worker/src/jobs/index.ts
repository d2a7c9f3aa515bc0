import type { WorkerConfig } from '../config/config.js';
import type { DepartmentClient } from '../departments/department-client.js';
import type { NotificationPort } from '../notifications/notification.port.js';
import { deptQueryJob } from './dept-query.job.js';
import { deptSubmitJob } from './dept-submit.job.js';
import type { JobHandler } from './job-handler.js';
import { notifySendJob } from './notify-send.job.js';

export interface JobDependencies {
  config: Pick<WorkerConfig, 'jobTimeoutMs' | 'pollIntervalMs'>;
  departments: DepartmentClient;
  notifications: NotificationPort;
}

/**
 * Every job type the worker serves, registered in this one place. E-licence issuing and inbox
 * sync arrive with their features (issues 7, 10).
 */
export function jobHandlers({ config, departments, notifications }: JobDependencies): JobHandler[] {
  return [
    deptSubmitJob(departments, config.jobTimeoutMs),
    deptQueryJob(departments, config.jobTimeoutMs, config.pollIntervalMs),
    notifySendJob(notifications, config.jobTimeoutMs),
  ];
}
