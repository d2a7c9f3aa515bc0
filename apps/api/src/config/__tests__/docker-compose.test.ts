// docker-compose.yml cannot run here (no Docker engine); this keeps it consistent with the code:
// the services' environments must be accepted by the apps' own config parsers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { apiNodeFlags } from '../../../../../scripts/lib/node-flags.mjs';
import { loadWorkerConfig } from '../../../../worker/src/config/config.js';
import { loadConfig } from '../config.js';

const root = path.resolve(import.meta.dirname, '../../../../..');
interface Service { image?: string; build?: string; command?: string[]; environment?: Record<string, string>; volumes?: string[] }
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };

/** Resolves ${VAR:-default} the way compose does when VAR is unset. */
function withDefaults(env: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]));
}

describe('docker-compose.yml', () => {
  it('has the production-shaped stack', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'keycloak', 'postgres', 'worker', 'zeebe']);
    expect(compose.services.zeebe?.image).toMatch(/^camunda\/zeebe:8\.8/);
  });

  it('gives the API a configuration its parser accepts, pointing at Zeebe and Keycloak', () => {
    const config = loadConfig(withDefaults(compose.services.api?.environment));
    expect(config.engine.grpcAddress).toBe('grpc://zeebe:26500');
    expect(config.keycloak.jwksUrl).toBe('http://keycloak:8080/realms/gov/protocol/openid-connect/certs');
    expect(config.keycloak.issuer).toBe('http://localhost:8180/realms/gov');
    expect(config.webDistDir).toBe('/app/apps/web/dist');
  });

  it('gives the worker a configuration its parser accepts', () => {
    const worker = loadWorkerConfig(withDefaults(compose.services.worker?.environment));
    expect(worker.engine.grpcAddress).toBe('grpc://zeebe:26500');
    expect(worker.databaseUrl).toBe(withDefaults(compose.services.api?.environment).DATABASE_URL);
  });

  it('imports the same realm file as development', () => {
    expect(compose.services.keycloak?.volumes).toContain('./keycloak/gov-realm.json:/opt/keycloak/data/import/gov-realm.json:ro');
    expect(compose.services.keycloak?.command).toContain('--import-realm');
  });

  it('runs the built API and worker entry points', () => {
    // With the heap budget `npm start` gives the API (scripts/lib/node-flags.mjs, default).
    expect(compose.services.api?.command).toEqual(['node', ...apiNodeFlags({}), 'apps/api/dist/main.js']);
    expect(compose.services.worker?.command).toEqual(['node', 'apps/worker/dist/main.js']);
  });
});
