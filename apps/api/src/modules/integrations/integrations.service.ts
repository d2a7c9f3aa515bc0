// Department callbacks: verify the signature and timestamp, record the event once, and hand a
// decision to the waiting process by publishing a message (correlation key = case number).
// Connections: kept by admins, each dept-admin for their own department.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  departmentByCode,
  DEPARTMENTS, type DepartmentCode, departmentCodeSchema, type DeptConnectionInput, type DeptConnectionView, deptConnectionInputSchema,
  deptDecidedMessage, deptEventSchema, SIGNATURE_TOLERANCE_SECONDS, signedPayload,
} from '@gov/contracts';
import type { Principal } from '../../common/auth/principal.js';
import { ValidationError } from '../../common/app-error.js';
import { CaseDecisionsService } from '../applications/case-decisions.service.js';
import { EngineClient } from '../engine/engine.client.js';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from './integrations.config.js';
import { CallbackSignatureError, DepartmentScopeError, EngineUnavailableError, UnknownDepartmentError } from './integrations.errors.js';
import { IntegrationsRepository, type StoredConnection } from './integrations.repository.js';

export interface CallbackRequest {
  timestamp: string | null;
  signature: string | null;
  body: unknown;
  path: string;
}

export type CallbackOutcome = { status: 'accepted' | 'duplicate'; eventId: string };

/** Departments a caller may manage: all for admins, their own for dept-admins. */
export function scopeOf(principal: Principal): DepartmentCode[] | 'all' {
  if (principal.roles.includes('admin')) return 'all';
  const paths = new Set(principal.departments.map((d) => d.path));
  return DEPARTMENTS.filter((d) => paths.has(d.path)).map((d) => d.code);
}

function view(connection: StoredConnection): DeptConnectionView {
  return {
    department: connection.department, name: connection.name, baseUrl: connection.baseUrl, authKind: connection.auth.kind,
    jobTypes: connection.jobTypes, timeoutMs: connection.timeoutMs, rateLimitPerMinute: connection.rateLimitPerMinute,
    enabled: connection.enabled, updatedAt: connection.updatedAt.toISOString(), updatedBy: connection.updatedBy,
  };
}

@Injectable()
export class IntegrationsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(IntegrationsService.name);

  constructor(
    @Inject(IntegrationsRepository) private readonly repository: IntegrationsRepository,
    @Inject(EngineClient) private readonly engine: EngineClient,
    @Inject(INTEGRATIONS_CONFIG) private readonly config: IntegrationsConfig,
    @Inject(CaseDecisionsService) private readonly cases: CaseDecisionsService,
  ) {}

  /** With the simulated departments around, connect every department that has a system (once). */
  async onApplicationBootstrap(): Promise<void> {
    const sim = this.config.deptSimUrl;
    if (!sim) return;
    for (const d of DEPARTMENTS) {
      if (!d.hasSystem) continue;
      await this.repository.saveConnection(d.code, deptConnectionInputSchema.parse({
        name: `${d.name}业务系统（模拟）`, baseUrl: `${sim}/departments/${d.code}`, auth: { kind: 'api-key', apiKey: `${d.code}-dev-api-key` },
        callbackSecret: `${d.code}-dev-callback-secret`,
      }), 'system (DEPT_SIM_URL)', true);
    }
    this.logger.log(`Simulated departments at ${sim}: connections seeded where missing`);
  }

  async receiveEvent(rawDepartment: string, request: CallbackRequest): Promise<CallbackOutcome> {
    const started = Date.now();
    const code = departmentCodeSchema.safeParse(rawDepartment);
    if (!code.success) throw new UnknownDepartmentError(rawDepartment);
    const department = code.data;
    const connection = await this.repository.connection(department);
    if (!connection || !connection.enabled) throw new UnknownDepartmentError(department);
    const payloadHash = createHash('sha256').update(JSON.stringify(request.body ?? null)).digest('hex');
    const log = (outcome: 'success' | 'rejected' | 'duplicate' | 'failure', status: number, extra: { caseNumber?: string; eventId?: string; error?: string } = {}) =>
      this.repository.logExchange({
        department, direction: 'callback', caseNumber: extra.caseNumber ?? null, eventId: extra.eventId ?? null, method: 'POST', path: request.path,
        status, outcome, durationMs: Date.now() - started, payloadHash, payload: request.body, error: extra.error ?? null,
      });
    try {
      this.verifySignature(connection.callbackSecret, request);
    } catch (error: unknown) {
      await log('rejected', 401, { error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    const parsed = deptEventSchema.safeParse(request.body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
      await log('rejected', 400, { error: problems.map((p) => `${p.path}: ${p.message}`).join('; ') });
      throw new ValidationError('The department event is invalid.', problems);
    }
    const event = parsed.data;
    const ids = { caseNumber: event.caseNumber, eventId: event.eventId };
    let fresh: boolean;
    try {
      fresh = await this.repository.recordEventOnce(department, event, async (manager) => {
        // Progress and decisions both reach the applicant's timeline; decisions also the waiting process.
        const known = departmentByCode(department);
        await this.cases.recordDepartmentEvent(event.caseNumber, { path: known?.path ?? department, name: known?.name ?? department }, event.status, event.reason ?? null, new Date(event.occurredAt), manager);
        if (event.type !== 'application.decided') return;
        await this.publishOnce({
          name: deptDecidedMessage(department),
          correlationKey: event.caseNumber,
          messageId: `${department}:${event.eventId}`,
          timeToLive: this.config.messageTtlMs,
          variables: {
            [`${department}Decision`]: { status: event.status, result: event.result ?? {}, reason: event.reason ?? '', decidedAt: event.occurredAt },
          },
        });
      });
    } catch (error: unknown) {
      const detail = error instanceof Error ? error.message : String(error);
      await log('failure', 503, { ...ids, error: detail });
      throw new EngineUnavailableError(detail);
    }
    await log(fresh ? 'success' : 'duplicate', fresh ? 202 : 200, ids);
    return { status: fresh ? 'accepted' : 'duplicate', eventId: event.eventId };
  }

  /** A message id the engine still holds means an earlier attempt published it already. */
  private async publishOnce(message: Parameters<ReturnType<EngineClient['zeebe']>['publishMessage']>[0]): Promise<void> {
    try {
      await this.engine.zeebe().publishMessage(message);
    } catch (error: unknown) {
      if (error instanceof Error && error.message.includes('ALREADY_EXISTS')) return;
      throw error;
    }
  }

  private verifySignature(secret: string, request: CallbackRequest): void {
    if (!request.timestamp || !request.signature) throw new CallbackSignatureError('SIGNATURE_MISSING', 'X-Gov-Timestamp and X-Gov-Signature headers are required.');
    if (!/^\d{1,12}$/.test(request.timestamp)) throw new CallbackSignatureError('SIGNATURE_INVALID', 'X-Gov-Timestamp must be unix seconds.');
    const age = Math.abs(Date.now() / 1000 - Number(request.timestamp));
    if (age > SIGNATURE_TOLERANCE_SECONDS) throw new CallbackSignatureError('SIGNATURE_EXPIRED', `The timestamp is ${Math.round(age)} s away from the platform's clock (at most ${SIGNATURE_TOLERANCE_SECONDS} s).`);
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(signedPayload(request.timestamp, request.body)).digest('hex')}`);
    const given = Buffer.from(request.signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new CallbackSignatureError('SIGNATURE_INVALID', 'The signature does not match the payload.');
  }

  async listConnections(principal: Principal): Promise<DeptConnectionView[]> {
    return (await this.repository.connections(scopeOf(principal))).map(view);
  }

  async saveConnection(principal: Principal, rawDepartment: string, input: DeptConnectionInput): Promise<DeptConnectionView> {
    const code = departmentCodeSchema.safeParse(rawDepartment);
    if (!code.success) throw new UnknownDepartmentError(rawDepartment);
    const scope = scopeOf(principal);
    if (scope !== 'all' && !scope.includes(code.data)) throw new DepartmentScopeError(code.data);
    await this.repository.saveConnection(code.data, input, principal.username);
    const saved = await this.repository.connection(code.data);
    if (!saved) throw new UnknownDepartmentError(code.data);
    return view(saved);
  }
}
