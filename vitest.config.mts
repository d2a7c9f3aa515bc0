import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const alias = {
  '@gov/contracts': path.join(root, 'libs/contracts/src/index.ts'),
  '@gov/clock': path.join(root, 'libs/clock/src/index.ts'),
  '@gov/engine': path.join(root, 'libs/engine/src/index.ts'),
  '@gov/process-lint': path.join(root, 'libs/process-lint/src/index.ts'),
};
const ignored = ['**/node_modules/**', '**/dist/**'];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 1 },
          include: ['{apps,libs,scripts,keycloak}/**/*.test.{ts,tsx}'],
          exclude: [...ignored, '**/*.int.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          sequence: { groupOrder: 2 },
          include: ['{apps,libs,keycloak,scripts}/**/*.int.test.ts'],
          exclude: ignored,
          globalSetup: ['test/postgres.global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
    ],
  },
});
