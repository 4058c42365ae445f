// `npm run alerts:sweep`: raises missed-check-in alerts for every running plan, and rescue-medication alerts. Run it from the
// platform's scheduler (cron, a Kubernetes CronJob): it is idempotent, so running it often is harmless.
import { openDb } from '~/db';
import { raiseRescueMedicationAlerts } from '~/server/adjuncts/alerts';
import { raiseMissedCheckInAlerts } from '~/server/alerts/missed';

const handle = await openDb({ url: process.env.DATABASE_URL || undefined, pgliteDir: process.env.PGLITE_DIR || undefined, migrate: !process.env.DATABASE_URL });
try {
  const raised = await raiseMissedCheckInAlerts(handle.db, 'all');
  console.log(`Missed check-in alerts raised: ${raised}.`);
  const rescue = await raiseRescueMedicationAlerts(handle.db, 'all');
  console.log(`Rescue medication alerts raised: ${rescue}.`);
} finally {
  await handle.close();
}
