// Typed configuration, parsed once at boot from the environment. Bad config stops start-up
// with the names of the offending variables.
import { z } from 'zod';

const optionalUrl = z.string().url().optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL'),
  /** Connections the API keeps to PostgreSQL. */
  DB_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(20),
  KEYCLOAK_URL: z.string().url().default('http://localhost:8180'),
  KEYCLOAK_REALM: z.string().min(1).default('gov'),
  KEYCLOAK_WEB_CLIENT_ID: z.string().min(1).default('gov-web'),
  KEYCLOAK_AUDIENCE: z.string().min(1).default('gov-api'),
  /** Issuer expected in tokens; defaults to KEYCLOAK_URL/realms/KEYCLOAK_REALM. */
  KEYCLOAK_ISSUER: optionalUrl,
  /** Where to fetch signing keys; defaults to the issuer's certs endpoint. */
  KEYCLOAK_JWKS_URL: optionalUrl,
  /** Public Keycloak URL for browsers, when it differs from the one the API reaches. */
  KEYCLOAK_PUBLIC_URL: optionalUrl,
  ZEEBE_GRPC_ADDRESS: z.string().regex(/^grpcs?:\/\/[^/]+$/, 'must look like grpc://host:port').optional(),
  ZEEBE_REST_ADDRESS: optionalUrl,
  WEB_DIST_DIR: z.string().optional(),
  /** Folder of service items (processes/<item-code>/), imported at start-up; defaults to the repository's. */
  PROCESSES_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Comma-separated proxy addresses whose X-Forwarded-For is trusted (express "trust proxy"). */
  TRUST_PROXY: z.string().optional(),
  /** The simulated department systems (npm start sets it): departments get dev connections there. */
  DEPT_SIM_URL: optionalUrl,
  /** Buffered department decision messages wait this long for a process that is not waiting yet. */
  DEPT_EVENT_MESSAGE_TTL_MS: z.coerce.number().int().min(1000).default(7 * 24 * 3600 * 1000),
  /** Where uploaded materials and generated documents are kept (local storage adapter). */
  STORAGE_DIR: z.string().default('.data/files'),
  /** Largest accepted upload, in bytes (default 10 MiB). */
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).max(200 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Most files one applicant may keep in the material library. */
  MAX_FILES_PER_APPLICANT: z.coerce.number().int().min(1).default(500),
  /** A draft not saved for this many days expires. */
  DRAFT_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** An open approval step is warned this many working days before its due date (办理时限预警). */
  DEADLINE_WARN_DAYS: z.coerce.number().int().min(0).max(30).default(3),
  /** How often the API looks for steps to warn and overdue steps to escalate (seconds; 0 = never, e.g. in tests that scan by hand). */
  DEADLINE_SCAN_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** The issuing departments' e-licence signing keys (files, outside the database). */
  LICENCE_KEY_DIR: z.string().default('.data/licence-keys'),
  /** SM2-SM3 (GM/T 0003/0004) by default; Ed25519 where SM2 cannot be used. New keys only: old ones keep their algorithm. */
  LICENCE_SIGNATURE_ALGORITHM: z.enum(['SM2-SM3', 'Ed25519']).default('SM2-SM3'),
  /** The public address of the web app, for the verification links in licence QR codes and share links. */
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
});

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string;
  dbPoolSize: number;
  keycloak: {
    url: string;
    publicUrl: string;
    realm: string;
    webClientId: string;
    audience: string;
    issuer: string;
    jwksUrl: string;
  };
  engine: { grpcAddress: string | null; restAddress: string | null };
  webDistDir: string | null;
  processesDir: string | null;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  trustProxy: string | null;
  integrations: { deptSimUrl: string | null; messageTtlMs: number };
  applications: { storageDir: string; maxUploadBytes: number; maxFilesPerApplicant: number; draftTtlDays: number };
  deadlines: { warnWorkingDays: number; scanSeconds: number };
  licences: { keyDir: string; algorithm: 'SM2-SM3' | 'Ed25519'; publicBaseUrl: string };
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, as shells and compose files often leave them. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => ({
      variable: issue.path.join('.') || '(environment)',
      message: issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message,
    })));
  }
  const e = parsed.data;
  const keycloakUrl = e.KEYCLOAK_URL.replace(/\/+$/, '');
  const issuer = e.KEYCLOAK_ISSUER ?? `${keycloakUrl}/realms/${e.KEYCLOAK_REALM}`;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dbPoolSize: e.DB_POOL_SIZE,
    keycloak: {
      url: keycloakUrl,
      publicUrl: (e.KEYCLOAK_PUBLIC_URL ?? keycloakUrl).replace(/\/+$/, ''),
      realm: e.KEYCLOAK_REALM,
      webClientId: e.KEYCLOAK_WEB_CLIENT_ID,
      audience: e.KEYCLOAK_AUDIENCE,
      issuer,
      jwksUrl: e.KEYCLOAK_JWKS_URL ?? `${keycloakUrl}/realms/${e.KEYCLOAK_REALM}/protocol/openid-connect/certs`,
    },
    engine: { grpcAddress: e.ZEEBE_GRPC_ADDRESS ?? null, restAddress: e.ZEEBE_REST_ADDRESS ?? null },
    webDistDir: e.WEB_DIST_DIR ?? null,
    processesDir: e.PROCESSES_DIR ?? null,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY ?? null,
    integrations: { deptSimUrl: e.DEPT_SIM_URL?.replace(/\/+$/, '') ?? null, messageTtlMs: e.DEPT_EVENT_MESSAGE_TTL_MS },
    applications: { storageDir: e.STORAGE_DIR, maxUploadBytes: e.MAX_UPLOAD_BYTES, maxFilesPerApplicant: e.MAX_FILES_PER_APPLICANT, draftTtlDays: e.DRAFT_TTL_DAYS },
    deadlines: { warnWorkingDays: e.DEADLINE_WARN_DAYS, scanSeconds: e.DEADLINE_SCAN_SECONDS },
    licences: { keyDir: e.LICENCE_KEY_DIR, algorithm: e.LICENCE_SIGNATURE_ALGORITHM, publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, '') },
  };
}

/** Injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
