// A fresh database per test file, cloned from a migrated template (created once per run).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty database, or a copy of `template` when given. A template is built once per
 * run by `prepare` (e.g. running migrations); concurrent test files wait on an advisory lock.
 */
export async function createTestDatabase(
  template?: { name: string; prepare: (url: string) => Promise<void> },
): Promise<TestDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `t_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  await withAdmin(async (admin) => {
    if (!template) {
      await admin.query(`CREATE DATABASE ${name}`);
      return;
    }
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [template.name]);
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template.name]);
      if (exists.rowCount === 0) {
        await admin.query(`CREATE DATABASE ${template.name}`);
        await template.prepare(withDatabase(adminUrl, template.name));
      }
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.name}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [template.name]);
    }
  });
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: () => withAdmin(async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }),
  };
}
