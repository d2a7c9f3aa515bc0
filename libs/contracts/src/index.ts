export * from './id-number.js';
export * from './identity.js';
export * from './problem.js';
export * from './client-config.js';
export * from './audit.js';
export * from './item-code.js';
export * from './catalogue.js';
export * from './integrations.js';
