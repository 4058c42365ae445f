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
    // A fixed VAPID pair (tests only), so no test writes generated push keys into .data/.
    env: {
      SKIP_ENV_VALIDATION: '0',
      AUTH_SECRET: 'test-secret-test-secret-test-secret-0000',
      VAPID_PUBLIC_KEY: 'BEvfETykiSsvfhp1995CG25cEHPeGovll6pnJ3Va4jxG2VymQ4g1kI1IZhLpgfWTTEZR9he4YKz3lwXcUw-2Xq0',
      VAPID_PRIVATE_KEY: 'Qr01jzBU2ramz88MGtqD2C1-UgZMVRrcWq9K9cc6-g8',
      VAPID_SUBJECT: 'mailto:push-tests@taperline.example',
    },
  },
});
