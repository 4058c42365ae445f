// The signing secret for sessions: from AUTH_SECRET, or, for the embedded demo only, made once and kept locally.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '~/server/env';

let cached: string | undefined;

export function authSecret(): string {
  if (cached) return cached;
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  if (env.DATABASE_URL) {
    throw new Error(
      'AUTH_SECRET is not set. Set it to a random value of at least 32 characters (openssl rand -base64 32) ' +
        'before starting Taperline on a PostgreSQL server.',
    );
  }
  // Embedded demo: keep a generated secret beside the embedded database so sessions survive restarts.
  const dir = path.resolve(/*turbopackIgnore: true*/ path.dirname(env.PGLITE_DIR ?? './.data/pglite'));
  const file = path.join(dir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return (cached = readFileSync(file, 'utf8').trim());
}
