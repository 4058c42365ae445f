// The alert sweep: the alerts time alone raises (a missed check-in, rescue medication past its limits), for
// every patient, run by the worker's recurring 'alert-sweep' job (server/jobs/worker.ts). No read raises them:
// the triage list only reads, and shows a missed check-in from the check-ins themselves between two sweeps.
import 'server-only';
import type { Db } from '~/db';
import { raiseRescueMedicationAlerts } from '~/server/adjuncts/alerts';
import { raiseMissedCheckInAlerts } from '~/server/alerts/missed';

/** Raises every alert that is due; returns how many of each. Idempotent: a second sweep raises nothing new. */
export async function runAlertSweep(db: Db, now = new Date()): Promise<{ missedCheckIns: number; rescueMedication: number }> {
  const missedCheckIns = await raiseMissedCheckInAlerts(db, 'all', now);
  const rescueMedication = await raiseRescueMedicationAlerts(db, 'all', now);
  return { missedCheckIns, rescueMedication };
}
