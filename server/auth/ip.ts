// The client's IP address for throttling: the last hop Next itself saw, unless a trusted proxy is in front.
import { env } from '~/server/env';

export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  if (!forwarded) return headers.get('x-real-ip') ?? 'unknown';
  const hops = forwarded.split(',').map((h) => h.trim()).filter(Boolean);
  const ip = env.TRUST_PROXY === '1' ? hops[0] : hops[hops.length - 1];
  return ip ?? 'unknown';
}
