// Lint guards architecture (STYLE.md): import boundaries, no floating promises, no focused or skipped tests.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const noFocusedTests = {
  selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]",
  message: 'Focused or skipped tests must not be committed.',
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', '.cache/**', 'e2e/artifacts/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs', 'scripts/*.mjs', 'scripts/lib/*.mjs', 'bench/*.mjs', 'keycloak/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', noFocusedTests],
    },
  },
  {
    // Tests, scripts and config may use assertions; production code may not (STYLE.md).
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test/**', 'test/**', 'e2e/**', 'bench/**', 'scripts/**', '**/*.mjs', '*.config.ts'],
    rules: {
      '@typescript-eslint/consistent-type-assertions': 'off',
      // Tests poke at JSON bodies and framework internals; type safety there is the assertions' job.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The engine is a library of its own: it imports no application code.
    files: ['libs/engine/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@gov/api', '@gov/worker', '@gov/web', '**/apps/**', '@nestjs/*', 'typeorm'], message: 'libs/engine must not import application code, NestJS or TypeORM.' }] }],
    },
  },
  {
    files: ['libs/contracts/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@gov/*', '**/apps/**', '@nestjs/*', 'typeorm', 'pg', 'react'], message: 'libs/contracts holds only shared schemas and types.' }] }],
    },
  },
  {
    files: ['apps/web/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [{ group: ['@gov/api', '@gov/worker', '@gov/engine', '**/apps/api/**', '**/apps/worker/**', '**/libs/engine/**', '@nestjs/*', 'typeorm', 'pg'], message: 'The web app imports no server code.' }] }],
    },
  },
  {
    files: ['apps/api/**', 'apps/worker/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@gov/engine', '**/libs/engine/**'], message: 'Apps speak to the engine only through @camunda8/sdk (DESIGN.md §2).' }, { group: ['**/apps/web/**', '@gov/web'], message: 'Server code imports no web code.' }] }],
    },
  },
  {
    // Integration tests may start the embedded engine in-process (startEngine); app code may not.
    files: ['apps/api/test/**', 'apps/worker/test/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/web/**', '@gov/web'], message: 'Server code imports no web code.' }] }],
    },
  },
);
