// One simulated department business system: its own in-memory store of applications, the
// idempotency keys it has seen, the requests it received and the callbacks it sent. In-memory by
// design: a simulator restarts empty, which is what dev, demo and tests want.
import { randomUUID } from 'node:crypto';
import {
  type DeptApplication, type DeptApplicationRecord, type DeptEvent, type DeptFaults, deptFaultsSchema,
} from '@gov/contracts';

export interface ReceivedRequest {
  at: string;
  method: string;
  path: string;
  idempotencyKey: string | null;
  status: number;
}

export interface SentCallback {
  event: DeptEvent;
  attempts: number;
  delivered: boolean;
  lastStatus: number | null;
}

export type SubmitOutcome =
  | { kind: 'created'; record: DeptApplicationRecord }
  | { kind: 'replayed'; record: DeptApplicationRecord }
  | { kind: 'key-reused'; record: DeptApplicationRecord };

/** What a department's system hands back when it decides, e.g. a registration number. */
export type ResultMaker = (application: DeptApplication, sequence: number) => Record<string, string>;

export class DepartmentSystem {
  private readonly applications = new Map<string, DeptApplicationRecord>();
  private readonly byKey = new Map<string, { applicationId: string; fingerprint: string }>();
  private sequence = 0;
  readonly requests: ReceivedRequest[] = [];
  /** Requests being worked on right now (arrived, not yet answered). */
  inFlight = 0;
  readonly callbacks: SentCallback[] = [];
  faults: DeptFaults = deptFaultsSchema.parse({});

  constructor(
    readonly code: string,
    readonly name: string,
    readonly apiKey: string,
    readonly callbackSecret: string,
    private readonly makeResult: ResultMaker,
  ) {}

  /** Same key and same body → the first answer again; same key, other body → refused. */
  submit(key: string, application: DeptApplication, now: Date): SubmitOutcome {
    const fingerprint = JSON.stringify([application.caseNumber, application.itemCode, application.applicant, application.data, application.materials]);
    const seen = this.byKey.get(key);
    if (seen) {
      const record = this.applications.get(seen.applicationId);
      if (record) return seen.fingerprint === fingerprint ? { kind: 'replayed', record } : { kind: 'key-reused', record };
    }
    this.sequence += 1;
    const record: DeptApplicationRecord = {
      applicationId: `${this.code.toUpperCase()}-${now.getUTCFullYear()}-${String(this.sequence).padStart(6, '0')}`,
      caseNumber: application.caseNumber,
      status: 'received',
      receivedAt: now.toISOString(),
      decidedAt: null,
      result: null,
      reason: null,
    };
    this.applications.set(record.applicationId, record);
    this.byKey.set(key, { applicationId: record.applicationId, fingerprint });
    this.pending.set(record.applicationId, application);
    return { kind: 'created', record };
  }

  private readonly pending = new Map<string, DeptApplication>();

  /** Decides a received application: rejected when the applicant asked for it (`data.simulate = "reject"`). */
  decide(applicationId: string, now: Date): DeptEvent | null {
    const record = this.applications.get(applicationId);
    const application = this.pending.get(applicationId);
    if (!record || !application) return null;
    this.pending.delete(applicationId);
    const rejected = application.data.simulate === 'reject';
    record.status = rejected ? 'rejected' : 'approved';
    record.decidedAt = now.toISOString();
    record.result = rejected ? null : this.makeResult(application, this.sequence);
    record.reason = rejected ? '材料不符合法定形式（模拟）' : null;
    return {
      eventId: randomUUID(),
      type: 'application.decided',
      caseNumber: record.caseNumber,
      applicationId,
      status: record.status,
      result: record.result,
      reason: record.reason,
      occurredAt: now.toISOString(),
    };
  }

  find(applicationId: string): DeptApplicationRecord | undefined {
    return this.applications.get(applicationId);
  }

  byCaseNumber(caseNumber: string): DeptApplicationRecord[] {
    return [...this.applications.values()].filter((a) => a.caseNumber === caseNumber);
  }

  all(): DeptApplicationRecord[] {
    return [...this.applications.values()];
  }

  reset(): void {
    this.applications.clear();
    this.byKey.clear();
    this.pending.clear();
    this.requests.length = 0;
    this.callbacks.length = 0;
    this.inFlight = 0;
    this.faults = deptFaultsSchema.parse({});
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Result formats as each department's system issues them (simplified). */
export const RESULT_MAKERS: Record<string, ResultMaker> = {
  // 统一社会信用代码-shaped registration number
  amr: (_a, n) => ({ registrationNumber: `91210100MA${pad(n, 7)}X`, licenceType: '营业执照' }),
  psb: (_a, n) => ({ householdNumber: `HJ2101${pad(n, 8)}` }),
  hrss: (a) => ({ socialSecurityNumber: a.applicant.idNumber }),
  hsa: (_a, n) => ({ insuranceRecordNumber: `YB2101${pad(n, 8)}` }),
  hc: (_a, n) => ({ licenceNumber: `卫健许字〔2026〕${pad(n, 4)}号` }),
  ca: (_a, n) => ({ certificateNumber: `MZ2101${pad(n, 6)}` }),
  nr: (_a, n) => ({ planningPermitNumber: `建字第210100${pad(n, 6)}号` }),
  hurd: (_a, n) => ({ constructionPermitNumber: `2101002026${pad(n, 6)}0101` }),
  ee: (_a, n) => ({ approvalNumber: `沈环审〔2026〕${pad(n, 3)}号` }),
  fr: (_a, n) => ({ inspectionNumber: `沈消检字〔2026〕第${pad(n, 4)}号` }),
};
