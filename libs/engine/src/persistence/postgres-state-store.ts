// PostgreSQL adapter of the StateStore port. The engine owns the `engine` schema; nothing
// else reads it (DESIGN.md §2). Instances and buffered messages are JSON documents.
import pg from 'pg';
import { parseDmn } from '../dmn/parse-dmn.js';
import { parseBpmn } from '../model/parse-bpmn.js';
import type { ExportedRecord } from '../ports/exporter.js';
import type { LoadedState, StateChanges, StateStore } from '../ports/state-store.js';
import { isRecord } from '../runtime/json.js';
import type { BufferedMessage, DecisionRequirementsDefinition, ProcessDefinition, ProcessInstance, StartTimer } from '../runtime/state.js';

const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS engine.meta (id int PRIMARY KEY, key_counter bigint NOT NULL)`,
  `INSERT INTO engine.meta (id, key_counter) VALUES (1, 0) ON CONFLICT (id) DO NOTHING`,
  `CREATE TABLE IF NOT EXISTS engine.process_definitions (
     key bigint PRIMARY KEY, bpmn_process_id text NOT NULL, version int NOT NULL, resource_name text NOT NULL,
     checksum text NOT NULL, deployment_key bigint NOT NULL, tenant_id text NOT NULL, xml text NOT NULL,
     UNIQUE (bpmn_process_id, version))`,
  `CREATE TABLE IF NOT EXISTS engine.process_instances (key bigint PRIMARY KEY, doc jsonb NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS engine.messages (key bigint PRIMARY KEY, doc jsonb NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS engine.start_timers (key bigint PRIMARY KEY, doc jsonb NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS engine.decision_requirements (
     key bigint PRIMARY KEY, id text NOT NULL, version int NOT NULL, resource_name text NOT NULL, checksum text NOT NULL,
     deployment_key bigint NOT NULL, tenant_id text NOT NULL, xml text NOT NULL, decisions jsonb NOT NULL, UNIQUE (id, version))`,
  `CREATE TABLE IF NOT EXISTS engine.records (
     position bigserial PRIMARY KEY, process_instance_key bigint NOT NULL, record jsonb NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS records_by_instance ON engine.records (process_instance_key, position)`,
];

function isExportedRecord(value: unknown): value is ExportedRecord {
  return isRecord(value) && typeof value.valueType === 'string' && typeof value.intent === 'string' && typeof value.key === 'string'
    && typeof value.processInstanceKey === 'string' && typeof value.timestamp === 'number' && isRecord(value.value);
}

function isDecisionKeys(value: unknown): value is Record<string, { key: string; version: number }> {
  return isRecord(value) && Object.values(value).every((v) => isRecord(v) && typeof v.key === 'string' && typeof v.version === 'number');
}

function isProcessInstance(value: unknown): value is ProcessInstance {
  return isRecord(value) && typeof value.key === 'string' && typeof value.processDefinitionKey === 'string'
    && isRecord(value.elements) && isRecord(value.variables) && isRecord(value.jobs);
}

function isStartTimer(value: unknown): value is StartTimer {
  return isRecord(value) && typeof value.key === 'string' && typeof value.processDefinitionKey === 'string' && typeof value.dueDate === 'number';
}

function isBufferedMessage(value: unknown): value is BufferedMessage {
  return isRecord(value) && typeof value.key === 'string' && typeof value.name === 'string' && typeof value.expiresAt === 'number';
}

export class PostgresStateStore implements StateStore {
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    // An idle client that loses its connection must not crash the engine; the next query reports it.
    this.pool.on('error', () => undefined);
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query(`SELECT pg_advisory_lock(hashtext('gov-engine-migrations'))`);
      await client.query('CREATE SCHEMA IF NOT EXISTS engine');
      for (const statement of MIGRATIONS) await client.query(statement);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('gov-engine-migrations'))`).catch(() => undefined);
      client.release();
    }
  }

  async load(): Promise<LoadedState> {
    const meta = await this.pool.query<{ key_counter: string }>('SELECT key_counter::text FROM engine.meta WHERE id = 1');
    const definitionRows = await this.pool.query<{ key: string; bpmn_process_id: string; version: number; resource_name: string; checksum: string; deployment_key: string; tenant_id: string; xml: string }>(
      'SELECT key::text, bpmn_process_id, version, resource_name, checksum, deployment_key::text, tenant_id, xml FROM engine.process_definitions ORDER BY key');
    const definitions: ProcessDefinition[] = [];
    for (const row of definitionRows.rows) {
      const model = (await parseBpmn(row.xml)).find((m) => m.bpmnProcessId === row.bpmn_process_id);
      if (!model) throw new Error(`Stored process definition ${row.key} no longer parses`);
      definitions.push({
        key: row.key, bpmnProcessId: row.bpmn_process_id, version: row.version, resourceName: row.resource_name,
        checksum: row.checksum, deploymentKey: row.deployment_key, tenantId: row.tenant_id, xml: row.xml, model,
      });
    }
    const drgRows = await this.pool.query<{ key: string; id: string; version: number; resource_name: string; checksum: string; deployment_key: string; tenant_id: string; xml: string; decisions: unknown }>(
      'SELECT key::text, id, version, resource_name, checksum, deployment_key::text, tenant_id, xml, decisions FROM engine.decision_requirements ORDER BY key');
    const decisionRequirements: DecisionRequirementsDefinition[] = [];
    for (const row of drgRows.rows) {
      const model = await parseDmn(row.xml);
      if (!isDecisionKeys(row.decisions)) throw new Error(`Stored decision requirements ${row.key} have no valid decision keys`);
      decisionRequirements.push({
        key: row.key, id: row.id, ...(model.name === undefined ? {} : { name: model.name }), version: row.version, resourceName: row.resource_name,
        checksum: row.checksum, deploymentKey: row.deployment_key, tenantId: row.tenant_id, xml: row.xml, model, decisions: row.decisions,
      });
    }
    const instanceRows = await this.pool.query<{ doc: unknown }>('SELECT doc FROM engine.process_instances ORDER BY key');
    const messageRows = await this.pool.query<{ doc: unknown }>('SELECT doc FROM engine.messages ORDER BY key');
    const timerRows = await this.pool.query<{ doc: unknown }>('SELECT doc FROM engine.start_timers ORDER BY key');
    return {
      keyCounter: BigInt(meta.rows[0]?.key_counter ?? '0'),
      definitions,
      decisionRequirements,
      instances: instanceRows.rows.map((r) => r.doc).filter(isProcessInstance),
      messages: messageRows.rows.map((r) => r.doc).filter(isBufferedMessage),
      startTimers: timerRows.rows.map((r) => r.doc).filter(isStartTimer),
    };
  }

  async commit(changes: StateChanges): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('UPDATE engine.meta SET key_counter = $1 WHERE id = 1', [changes.keyCounter.toString()]);
      for (const d of changes.definitions) {
        await client.query(
          `INSERT INTO engine.process_definitions (key, bpmn_process_id, version, resource_name, checksum, deployment_key, tenant_id, xml)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [d.key, d.bpmnProcessId, d.version, d.resourceName, d.checksum, d.deploymentKey, d.tenantId, d.xml]);
      }
      for (const d of changes.decisionRequirements) {
        await client.query(
          `INSERT INTO engine.decision_requirements (key, id, version, resource_name, checksum, deployment_key, tenant_id, xml, decisions)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [d.key, d.id, d.version, d.resourceName, d.checksum, d.deploymentKey, d.tenantId, d.xml, JSON.stringify(d.decisions)]);
      }
      if (changes.deleteDefinitions.length > 0) {
        await client.query('DELETE FROM engine.process_definitions WHERE key = ANY($1::bigint[])', [changes.deleteDefinitions]);
      }
      if (changes.deleteDecisionRequirements.length > 0) {
        await client.query('DELETE FROM engine.decision_requirements WHERE key = ANY($1::bigint[])', [changes.deleteDecisionRequirements]);
      }
      if (changes.records.length > 0) {
        await client.query(
          'INSERT INTO engine.records (process_instance_key, record) SELECT k, doc FROM unnest($1::bigint[], $2::jsonb[]) WITH ORDINALITY AS r(k, doc, n) ORDER BY n',
          [changes.records.map((r) => r.processInstanceKey), changes.records.map((r) => JSON.stringify(r))]);
      }
      await upsertDocs(client, 'process_instances', changes.upsertInstances);
      await deleteKeys(client, 'process_instances', changes.deleteInstances);
      await upsertDocs(client, 'messages', changes.upsertMessages);
      await deleteKeys(client, 'messages', changes.deleteMessages);
      await upsertDocs(client, 'start_timers', changes.upsertStartTimers);
      await deleteKeys(client, 'start_timers', changes.deleteStartTimers);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async history(processInstanceKey: string): Promise<ExportedRecord[]> {
    const rows = await this.pool.query<{ position: string; record: unknown }>(
      'SELECT r.position::text AS position, r.record FROM engine.records r WHERE r.process_instance_key = $1 ORDER BY r.position', [processInstanceKey]);
    return rows.rows.flatMap((r) => (isExportedRecord(r.record) ? [{ ...r.record, position: r.position }] : []));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Tables that keep one JSON document per key. */
type DocTable = 'process_instances' | 'messages' | 'start_timers';

async function upsertDocs(client: pg.PoolClient, table: DocTable, docs: readonly { key: bigint | string }[]): Promise<void> {
  if (docs.length === 0) return;
  await client.query(
    `INSERT INTO engine.${table} (key, doc) SELECT * FROM unnest($1::bigint[], $2::jsonb[])
     ON CONFLICT (key) DO UPDATE SET doc = excluded.doc`,
    [docs.map((d) => d.key), docs.map((d) => JSON.stringify(d))]);
}

async function deleteKeys(client: pg.PoolClient, table: DocTable, keys: readonly (bigint | string)[]): Promise<void> {
  if (keys.length === 0) return;
  await client.query(`DELETE FROM engine.${table} WHERE key = ANY($1::bigint[])`, [keys]);
}
