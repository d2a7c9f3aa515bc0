import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

describe('configuration', () => {
  it('derives Keycloak issuer and JWKS from KEYCLOAK_URL and the realm', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/gov', KEYCLOAK_URL: 'http://kc:8080/' });
    expect(config.keycloak.issuer).toBe('http://kc:8080/realms/gov');
    expect(config.keycloak.jwksUrl).toBe('http://kc:8080/realms/gov/protocol/openid-connect/certs');
    expect(config.keycloak.publicUrl).toBe('http://kc:8080');
    expect(config.port).toBe(3000);
    expect(config.engine).toEqual({ grpcAddress: null, restAddress: null });
  });

  it('stops start-up naming every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', ZEEBE_GRPC_ADDRESS: 'localhost:26500' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(variables).toEqual(['DATABASE_URL', 'PORT', 'ZEEBE_GRPC_ADDRESS']);
    expect((error as ConfigError).problems.find((p) => p.variable === 'DATABASE_URL')?.message).toBe('is required');
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db/gov', ZEEBE_GRPC_ADDRESS: '', PORT: '' });
    expect(config.engine.grpcAddress).toBeNull();
    expect(config.port).toBe(3000);
  });
});
