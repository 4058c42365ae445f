// A patient's clock: their time zone and their local "today" (the day a check-in belongs to), read in one place.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '~/db';
import { patientProfiles, users } from '~/db/schema';
import { AppError } from '~/server/errors';
import { localDate } from '~/lib/dates';

/** The patient's time zone; NOT_FOUND when there is no such patient. */
export async function patientTimeZone(db: DbOrTx, patientId: string): Promise<string> {
  const [row] = await db
    .select({ timeZone: users.timeZone })
    .from(patientProfiles)
    .innerJoin(users, eq(users.id, patientProfiles.patientId))
    .where(eq(patientProfiles.patientId, patientId));
  if (!row) throw new AppError('NOT_FOUND', 'patients.notFound');
  return row.timeZone;
}

/** The patient's local date at `now` (their check-in day). */
export async function patientToday(db: DbOrTx, patientId: string, now = new Date()): Promise<string> {
  return localDate(await patientTimeZone(db, patientId), now);
}
