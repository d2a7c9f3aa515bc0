// Types for keycloak.mjs (plain Node ESM so it runs before anything is built).

export const KEYCLOAK_VERSION: string;
export const DEFAULT_PORT: number;
export const DEFAULT_CACHE_DIR: string;
export const DEFAULT_DATA_DIR: string;
export const DEFAULT_REALM_FILE: string;

export type KeycloakSetupErrorCode = 'JAVA_MISSING' | 'MAVEN_MISSING' | 'FETCH_FAILED' | 'PORT_IN_USE' | 'START_FAILED' | 'START_TIMEOUT';

/** A set-up problem; `message` is one line meant for the person starting the platform. */
export class KeycloakSetupError extends Error {
  constructor(code: KeycloakSetupErrorCode, message: string, tail?: string);
  readonly code: KeycloakSetupErrorCode;
  /** The last 30 lines of Keycloak's log when it failed to start, else ''. */
  readonly tail: string;
}

export interface JavaRuntime {
  /** Absolute path of the java executable. */
  bin: string;
  home: string;
  /** Major version, e.g. 17. */
  version: number;
}

/** JAVA_HOME if set, else `java` on PATH, else the best JDK under /usr/lib/jvm (21, 17, 25, …); Java 17+. */
export function findJava(options?: { env?: NodeJS.ProcessEnv; jvmDir?: string }): JavaRuntime;

/** Fetches (once, with Maven) and unpacks the distribution; resolves to its home folder. */
export function ensureKeycloak(options?: { version?: string; cacheDir?: string; log?: (line: string) => void }): Promise<string>;

export interface StartKeycloakOptions {
  /** HTTP port; default 8180. */
  port?: number;
  /** Management interface (health, metrics); default port + 1000. */
  managementPort?: number;
  /** Dev-file database and log; default <repo>/.data/keycloak. */
  dataDir?: string;
  /** Default keycloak/gov-realm.json. */
  realmFile?: string;
  version?: string;
  cacheDir?: string;
  /** Default 180 000. */
  readyTimeoutMs?: number;
  /** Progress lines ("starting Keycloak…", "ready in 12 s"). */
  log?: (line: string) => void;
}

export interface RunningKeycloak {
  /** http://localhost:PORT */
  url: string;
  /** http://localhost:PORT/realms/gov: the `iss` of every token, whatever host a request used. */
  issuer: string;
  realm: string;
  port: number;
  /** http://localhost:MANAGEMENT_PORT: /health/ready, /health/live. */
  managementUrl: string;
  java: JavaRuntime;
  startedInMs: number;
  logFile: string;
  /** The last 30 lines of Keycloak's output. */
  logTail(): string[];
  /** Settles when the process ends, for whatever reason (also after stop()). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops the process tree (SIGTERM, SIGKILL after 20 s); safe to call twice. */
  stop(): Promise<void>;
}

/** Starts `kc.sh start-dev` with the realm imported; resolves once the realm's discovery document answers. */
export function startKeycloak(options?: StartKeycloakOptions): Promise<RunningKeycloak>;
