// Facts about the incoming request that the server needs (the public origin for links).
import { env } from '~/server/env';

export function requestOrigin(headers: Headers): string {
  if (env.APP_URL) return env.APP_URL;
  const host = headers.get('x-forwarded-host') ?? headers.get('host') ?? 'localhost:3000';
  const proto = headers.get('x-forwarded-proto') ?? (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return `${proto.split(',')[0]}://${host.split(',')[0]}`;
}
