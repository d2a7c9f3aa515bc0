// Where the worker finds a department's connection. Admins keep connections in the API
// (`PUT /api/integrations/connections/{dept}`, table dept_connection); with DATABASE_URL the worker
// reads that table (cached for a short while), so an admin's change reaches every worker without a
// restart. Connections from the environment (DEPT_SIM_URL, WORKER_DEPARTMENTS) are the fallback
// for departments the table does not list; a disabled row switches a department off.
import { type DepartmentCode, departmentCodeSchema } from '@gov/contracts';
import pg from 'pg';
import { z } from 'zod';
import { type DeptConnection, deptConnectionSchema } from '../config/config.js';

export interface ConnectionDirectory {
  get(department: DepartmentCode): Promise<DeptConnection | undefined>;
}

export function staticDirectory(connections: ReadonlyMap<DepartmentCode, DeptConnection>): ConnectionDirectory {
  return { get: (department) => Promise.resolve(connections.get(department)) };
}

const rowSchema = z.object({
  department: departmentCodeSchema,
  base_url: z.string(),
  auth: z.unknown(),
  job_types: z.array(z.string()),
  timeout_ms: z.number(),
  rate_limit_per_minute: z.number(),
  enabled: z.boolean(),
});

export class DatabaseConnectionDirectory implements ConnectionDirectory {
  private readonly pool: pg.Pool;
  private cache: { at: number; rows: Map<DepartmentCode, DeptConnection | null> } | null = null;
  private loading: Promise<Map<DepartmentCode, DeptConnection | null>> | null = null;

  constructor(
    databaseUrl: string,
    private readonly fallback: ReadonlyMap<DepartmentCode, DeptConnection>,
    private readonly maxAgeMs: number,
    private readonly onError: (message: string) => void,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 1, application_name: 'gov-worker' });
    this.pool.on('error', (error) => this.onError(`connection directory: ${error.message}`));
  }

  async get(department: DepartmentCode): Promise<DeptConnection | undefined> {
    const rows = await this.rows();
    const row = rows.get(department);
    if (row === null) return undefined; // disabled by an admin
    return row ?? this.fallback.get(department);
  }

  private async rows(): Promise<Map<DepartmentCode, DeptConnection | null>> {
    if (this.cache && Date.now() - this.cache.at < this.maxAgeMs) return this.cache.rows;
    this.loading ??= this.load().finally(() => (this.loading = null));
    try {
      return await this.loading;
    } catch (error: unknown) {
      // The database being away must not stop calls to departments: keep what was known.
      this.onError(`connection directory: ${error instanceof Error ? error.message : String(error)}`);
      return this.cache?.rows ?? new Map();
    }
  }

  private async load(): Promise<Map<DepartmentCode, DeptConnection | null>> {
    const result = await this.pool.query('SELECT department, base_url, auth, job_types, timeout_ms, rate_limit_per_minute, enabled FROM dept_connection');
    const rows = new Map<DepartmentCode, DeptConnection | null>();
    for (const raw of z.array(z.unknown()).parse(result.rows)) {
      const row = rowSchema.safeParse(raw);
      if (!row.success) continue;
      const connection = deptConnectionSchema.safeParse({
        department: row.data.department, baseUrl: row.data.base_url, auth: row.data.auth, jobTypes: row.data.job_types,
        timeoutMs: row.data.timeout_ms, rateLimitPerMinute: row.data.rate_limit_per_minute,
      });
      if (!connection.success) {
        this.onError(`connection of ${row.data.department} is unusable: ${connection.error.message}`);
        continue;
      }
      rows.set(row.data.department, row.data.enabled ? connection.data : null);
    }
    this.cache = { at: Date.now(), rows };
    return rows;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
