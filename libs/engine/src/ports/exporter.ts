// The export stream (as Zeebe exporters see the log): every record the engine writes, in the
// order written. Records of a batch reach exporters only after the batch is committed.
import type { JsonObject } from '../runtime/json.js';

export type RecordValueType = 'PROCESS_INSTANCE' | 'JOB' | 'INCIDENT' | 'VARIABLE';

export interface ExportedRecord {
  /** Position in the stream, assigned by the store that keeps the record (absent before). */
  position?: string;
  valueType: RecordValueType;
  /** Zeebe's intents: ELEMENT_ACTIVATED, ELEMENT_COMPLETED, ELEMENT_TERMINATED; CREATED, COMPLETED, FAILED, ERROR_THROWN; RESOLVED; UPDATED. */
  intent: string;
  /** Key of the element instance, job, incident or variable scope the record is about. */
  key: string;
  /** Engine-clock instant (ms). */
  timestamp: number;
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  elementId?: string;
  elementInstanceKey?: string;
  /** Details: element type and flow scope; job type, retries, error; incident type and message; variable name, value (JSON) and scope. */
  value: JsonObject;
}

/** A consumer of the export stream. The Postgres state store keeps every record itself. */
export interface Exporter {
  export(records: readonly ExportedRecord[]): void | Promise<void>;
}
