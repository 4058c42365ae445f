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
  const { getDbHandle } = await import('~/db');
  try {
    // The embedded database is opened (and migrated) now; a PostgreSQL server is migrated by `npm run db:migrate`.
    const handle = await getDbHandle();
    const { env } = await import('./env');
    const { startWorker } = await import('./jobs/worker');
    const worker = await startWorker(handle, { work: env.WORKER === 'on' });
    const stop = () => void worker.stop().catch(() => {});
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } catch (error) {
    console.error(`[startup] Taperline cannot start its background worker: ${error instanceof Error ? error.message : String(error)}`);
    if (!databaseUrl) process.exit(1);
    // On a PostgreSQL server that is down at start the app still answers (503 until it is back), but
    // nothing would deliver notifications: say so loudly and stop, so the platform restarts it.
    process.exit(1);
  }
}
