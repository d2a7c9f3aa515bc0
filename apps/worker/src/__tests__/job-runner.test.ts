import { describe, expect, it } from 'vitest';
import { loadWorkerConfig, WorkerConfigError } from '../config/config.js';
import { retryBackoff } from '../job-runner.js';

describe('retryBackoff', () => {
  it('doubles from the base with each attempt and stops at the maximum', () => {
    const retry = { backoffMs: 1000, maxBackoffMs: 5000 };
    expect([1, 2, 3, 4, 50].map((n) => retryBackoff(n, retry))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});

describe('worker configuration', () => {
  it('connects every department that has a system to dept-sim with its dev API key', () => {
    const config = loadWorkerConfig({ DEPT_SIM_URL: 'http://127.0.0.1:3200/' });
    expect(config.departments.get('amr')).toMatchObject({ baseUrl: 'http://127.0.0.1:3200/departments/amr', auth: { kind: 'api-key', apiKey: 'amr-dev-api-key' } });
    expect(config.departments.has('ca')).toBe(false);
  });

  it('lets WORKER_DEPARTMENTS override a department with OAuth2 client credentials', () => {
    const config = loadWorkerConfig({
      DEPT_SIM_URL: 'http://127.0.0.1:3200',
      WORKER_DEPARTMENTS: JSON.stringify([{ department: 'psb', baseUrl: 'https://hz.psb.example/api', auth: { kind: 'oauth2-client-credentials', tokenUrl: 'https://sso.example/token', clientId: 'gov', clientSecret: 's' }, timeoutMs: 5000 }]),
    });
    expect(config.departments.get('psb')).toMatchObject({ baseUrl: 'https://hz.psb.example/api', timeoutMs: 5000, rateLimitPerMinute: 600 });
  });

  it('names the bad entry of WORKER_DEPARTMENTS', () => {
    expect(() => loadWorkerConfig({ WORKER_DEPARTMENTS: JSON.stringify([{ department: 'xyz', baseUrl: 'nope' }]) })).toThrow(WorkerConfigError);
    try {
      loadWorkerConfig({ WORKER_DEPARTMENTS: '[{"department":"xyz"}]' });
    } catch (error) {
      expect((error as WorkerConfigError).problems.map((p) => p.variable)).toContain('WORKER_DEPARTMENTS.0.department');
    }
  });
});
