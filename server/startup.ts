// What the Node.js server does once at start (called by instrumentation.ts): record each request's peer
// address, fail fast on a bad environment, and open (and migrate) the embedded database.
import { installPeerAddressStamp } from './auth/peer';

export async function startServer(): Promise<void> {
  // First, so that as few requests as possible arrive before it (Next.js hides the peer: see auth/peer.ts).
  installPeerAddressStamp();
  let databaseUrl: string | undefined;
  try {
    const { env } = await import('./env');
    const { authSecret } = await import('./auth/secret');
    authSecret();
    databaseUrl = env.DATABASE_URL;
  } catch (error) {
    // Next.js would log this and go on answering every request with a 500: stop instead, saying why.
    console.error(`[config] Taperline cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (!databaseUrl) {
    const { getDbHandle } = await import('~/db');
    await getDbHandle();
  }
}
