// `npm run worker`: the background worker alone (notifications, escalations, reminders, sweeps), for
// deployments that run it apart from the app instances (start those with WORKER=off). PostgreSQL only:
// the embedded database serves one process, and the app runs the worker itself.
import { openDb } from '~/db';
import { startWorker } from '~/server/jobs/worker';

const url = process.env.DATABASE_URL || undefined;
if (!url) {
  console.error('npm run worker needs DATABASE_URL (a PostgreSQL server). On the embedded database the app runs the worker itself.');
  process.exit(1);
}
const handle = await openDb({ url });
const worker = await startWorker(handle, { work: true });
console.log('Taperline worker running. Stop it with Ctrl+C.');
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void worker
      .stop()
      .then(() => handle.close())
      .finally(() => process.exit(0));
  });
}
