// Vitest for the reliability suite (npm run test:reliability): one file at a time, long timeouts.
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '..');

export default defineConfig({
  root,
  resolve: { alias: { '~': root, 'server-only': path.join(root, 'node_modules/server-only/empty.js') } },
  test: {
    environment: 'node',
    include: ['reliability/**/*.test.ts'],
    // The parts measure timings and the fault part owns a server and a database: never two at once.
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    env: { SKIP_ENV_VALIDATION: '0', AUTH_SECRET: 'test-secret-test-secret-test-secret-0000' },
  },
});
