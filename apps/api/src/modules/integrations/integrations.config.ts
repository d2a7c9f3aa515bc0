import type { AppConfig } from '../../config/config.js';

/** Settings of the integrations module: part of the API's typed configuration (DEPT_SIM_URL, DEPT_EVENT_MESSAGE_TTL_MS). */
export type IntegrationsConfig = AppConfig['integrations'];

export const INTEGRATIONS_CONFIG = Symbol('INTEGRATIONS_CONFIG');
