// The check a patient page starts with: the signed-in patient (else the sign-in or session-expired
// redirect, or a 403, as the layout gives) and their own record, null when their account has no
// patient profile (made by a script, say). The layout checks too; checking here as well keeps each page
// safe however the two are rendered.
import 'server-only';
import { loadOwnRecord } from '~/app/_lib/own-record';
import { requireUser } from '~/app/_lib/session';

export async function requireOwnRecord() {
  const user = await requireUser('patient');
  return { user, record: await loadOwnRecord(user.id) };
}
