export const ROOT: string;
export class StartError extends Error {
  part: string;
  tail: string;
}
export interface RunningPlatform {
  url: string;
  apiUrl: string;
  keycloakUrl: string;
  /** Simulated department systems (apps/dept-sim), or DEPT_SIM_URL. */
  deptSimUrl: string | null;
  engine: { grpc: string; rest: string | null } | null;
  databaseUrl: string;
  dataDir: string;
  logDir: string;
  failure: Promise<{ part: string; exit: { code: number | null; signal: string | null }; tail: string } | null>;
  stop(): Promise<void>;
}
export function startPlatform(options?: {
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  ports?: Partial<Record<'api' | 'postgres' | 'keycloak' | 'engineGrpc' | 'engineRest' | 'deptSim', number>>;
  worker?: boolean;
  /** false: do not start apps/dept-sim. */
  deptSim?: boolean;
}): Promise<RunningPlatform>;
export function demoAccounts(realmFile?: string): { username: string; name: string; roles: string[]; groups: string[] }[];
