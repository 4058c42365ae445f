// The public origin for links the server hands out (invite links, emails): APP_URL, never a request header.
import { env } from '~/server/env';

/** Development and tests only: production refuses to start without APP_URL (server/env.ts). */
const DEVELOPMENT_ORIGIN = 'http://localhost';

export function appOrigin(): string {
  if (env.APP_URL) return new URL(env.APP_URL).origin;
  return `${DEVELOPMENT_ORIGIN}:${env.PORT ?? 3000}`;
}
