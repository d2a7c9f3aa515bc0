// Settings of the integrations module, parsed once when the module starts.
// DEPT_SIM_URL: the simulated departments (npm start sets it); when set, departments that have a
// system and no connection yet get one pointing there with the dev API key and callback secret.
import { z } from 'zod';

const schema = z.object({
  DEPT_SIM_URL: z.url().optional(),
  /** Buffered decision messages wait this long for a process that is not waiting yet. */
  DEPT_EVENT_MESSAGE_TTL_MS: z.coerce.number().int().min(1000).default(7 * 24 * 3600 * 1000),
});

export interface IntegrationsConfig {
  deptSimUrl: string | null;
  messageTtlMs: number;
}

export function loadIntegrationsConfig(env: NodeJS.ProcessEnv = process.env): IntegrationsConfig {
  const parsed = schema.parse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  return { deptSimUrl: parsed.DEPT_SIM_URL?.replace(/\/+$/, '') ?? null, messageTtlMs: parsed.DEPT_EVENT_MESSAGE_TTL_MS };
}

export const INTEGRATIONS_CONFIG = Symbol('INTEGRATIONS_CONFIG');
