// The idle warning on a clinician's or administrator's pages, from the limit and the time left the server
// found for this request; nothing for a patient, whose sessions do not go idle.
import { currentSession } from '~/server/auth';
import { env } from '~/server/env';
import { IdleWarning } from './idle-warning';

export async function StaffIdleWarning() {
  const session = await currentSession();
  if (session.status !== 'signed-in' || session.idleSecondsLeft === undefined) return null;
  return <IdleWarning limitSeconds={env.STAFF_IDLE_MINUTES * 60} secondsLeft={session.idleSecondsLeft} />;
}
