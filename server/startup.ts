// What the Node.js server does once at start (called by instrumentation.ts): record each request's peer
// address, fail fast on a bad environment, open (and migrate) the embedded database, and start the worker.
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
  const { env } = await import('./env');
  const { startWorker } = await import('./jobs/worker');
  const start = async () => {
    // The embedded database is opened (and migrated) now; a PostgreSQL server is migrated by `npm run db:migrate`.
    const handle = await getDbHandle();
    const worker = await startWorker(handle, { work: env.WORKER === 'on' });
    const stop = () => void worker.stop().catch(() => {});
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  };
  if (!databaseUrl) {
    try {
      await start();
    } catch (error) {
      console.error(`[startup] Taperline cannot start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
    return;
  }
  // A PostgreSQL server that is down at start: the app answers (503 until it is back) and the worker
  // starts as soon as the database answers, trying again every 5 s.
  const attempt = () =>
    start().catch((error: unknown) => {
      console.error(`[startup] The background worker could not start yet (${error instanceof Error ? error.name : 'error'}); trying again in 5 s.`);
      setTimeout(attempt, 5_000).unref();
    });
  void attempt();
}
