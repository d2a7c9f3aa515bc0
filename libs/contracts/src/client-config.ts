import { z } from 'zod';

/**
 * Public runtime configuration of the web app, served by GET /api/config (no login needed),
 * so one build of the SPA runs against any Keycloak.
 */
export const clientConfigSchema = z.object({
  keycloakUrl: z.string().url(),
  realm: z.string(),
  clientId: z.string(),
});
export type ClientConfig = z.infer<typeof clientConfigSchema>;
