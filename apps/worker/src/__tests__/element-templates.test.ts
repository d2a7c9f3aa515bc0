import { API_JOB_TYPES, ELEMENT_TEMPLATES } from '@gov/contracts';
import { describe, expect, it } from 'vitest';
import { loadWorkerConfig } from '../config/config.js';
import { staticDirectory } from '../departments/connection-directory.js';
import { DepartmentClient } from '../departments/department-client.js';
import { jobHandlers } from '../jobs/index.js';
import { LogNotificationAdapter } from '../notifications/notification.port.js';

describe('element templates for the designer', () => {
  it('offer exactly the job types the worker and the API serve', () => {
    const config = loadWorkerConfig({});
    const types = jobHandlers({ config, departments: new DepartmentClient(staticDirectory(config.departments), config.breaker), notifications: new LogNotificationAdapter(() => undefined) }).map((h) => h.type);
    const templated = ELEMENT_TEMPLATES.map((t) => t.properties.find((p) => p.binding.type === 'zeebe:taskDefinition' && p.binding.property === 'type')?.value);
    expect(templated.sort()).toEqual([...types, ...API_JOB_TYPES].sort());
  });

  it('let department tasks choose only departments that have a system', () => {
    const submit = ELEMENT_TEMPLATES.find((t) => t.id === 'gov.dept.submit');
    const choices = submit?.properties.find((p) => p.binding.type === 'zeebe:taskHeader' && p.binding.key === 'department')?.choices ?? [];
    expect(choices.map((c) => c.value)).toContain('amr');
    expect(choices.map((c) => c.value)).not.toContain('ca');
  });
});
