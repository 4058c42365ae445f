// Lint: Next's core-web-vitals and TypeScript rules, plus the project's own strictness.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn', 'log'] }],
    },
  },
  // Pages render and call the API: no database, no services (their types are fine).
  {
    files: ['app/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['~/db', '~/db/*'], message: 'Pages do not touch the database: call the API (or a server module that does).', allowTypeImports: true },
            { group: ['~/server/*/service'], message: 'Pages call the API, not services; pure code they share lives in lib/.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  // lib/ is pure: no I/O, no database, no server modules, no Next.
  {
    files: ['lib/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['~/db', '~/db/*', '~/server', '~/server/*'], message: 'lib/ is pure shared code: it imports nothing from db/ or server/.' },
            { group: ['next', 'next/*', 'next-intl', 'next-intl/*'], message: 'lib/ is pure shared code: no Next.' },
          ],
        },
      ],
    },
  },
  globalIgnores(['.next/**', 'node_modules/**', '.data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'db/migrations/**']),
]);
