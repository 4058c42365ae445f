import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '~': path.resolve(import.meta.dirname),
      // Services import 'server-only' so no client bundle can take them; tests run them on the server.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    environment: 'node',
    include: ['server/**/*.test.ts', 'lib/**/*.test.ts', 'db/**/*.test.ts', 'app/**/*.test.ts', 'i18n/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances are memory-hungry to start; a few files at a time is plenty on two cores.
    maxWorkers: 2,
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
