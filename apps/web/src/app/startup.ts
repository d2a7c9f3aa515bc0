import { type ClientConfig, clientConfigSchema } from '@gov/contracts';
import i18next from 'i18next';
import { useSyncExternalStore } from 'react';
import { createApiClient, type ApiClient } from '../shared/api/apiClient';
import type { AuthSession } from '../shared/auth/AuthSession';
import { resolveLanguage } from '../shared/i18n/language';
import { startKeycloak } from './keycloak';

export type StartupStep = 'config' | 'keycloak';

export type StartupState =
  | { status: 'loading' }
  | { status: 'ready'; config: ClientConfig; auth: AuthSession; api: ApiClient }
  | { status: 'failed'; step: StartupStep; error: Error };

/*
 * Start-up runs once per page load, outside React: fetch /api/config, then initialise
 * keycloak-js, then render the router. Keeping the promise at module level (not in an effect)
 * makes it safe under StrictMode's double mounting; a retry after failure starts a fresh attempt.
 */
let state: StartupState = { status: 'loading' };
let attempt: Promise<void> | undefined;
const listeners = new Set<() => void>();

function setState(next: StartupState): void {
  state = next;
  listeners.forEach((listener) => listener());
}

export function startApp(): Promise<void> {
  attempt ??= run();
  return attempt;
}

export function retryStartup(): void {
  if (state.status !== 'failed') return;
  attempt = undefined;
  setState({ status: 'loading' });
  void startApp();
}

export function useStartup(): StartupState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

async function run(): Promise<void> {
  let config: ClientConfig;
  try {
    config = await loadClientConfig();
  } catch (error) {
    setState({ status: 'failed', step: 'config', error: toError(error) });
    return;
  }
  try {
    const auth = await startKeycloak(config, () => resolveLanguage(i18next.resolvedLanguage));
    setState({ status: 'ready', config, auth, api: createApiClient(() => auth.getToken()) });
  } catch (error) {
    setState({ status: 'failed', step: 'keycloak', error: toError(error) });
  }
}

/** GET /api/config through the same client as every other call (no token: it is public). */
async function loadClientConfig(): Promise<ClientConfig> {
  const anonymous = createApiClient(() => Promise.resolve(undefined));
  return anonymous.get('/api/config', clientConfigSchema, { signal: AbortSignal.timeout(10_000) });
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
