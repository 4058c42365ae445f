// Test databases: PGlite in memory (migrated) by default; the shared PostgreSQL database when
// TEST_DATABASE_URL is set (migrated once by global-setup). Tests make their own uniquely named data.
import { randomUUID } from 'node:crypto';
import { openDb, type Db, type DbHandle } from '~/db';
import { users } from '~/db/schema';
import { createUserWithPassword } from '~/server/accounts/service';
import { createCaller } from '~/server/api/root';
import { createContextFor } from '~/server/api/trpc';
import type { SessionState, SessionUser } from '~/server/auth/session';
import { addPatient } from '~/server/patients/service';
import { eq } from 'drizzle-orm';

export async function openTestDb(): Promise<DbHandle> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? openDb({ url, migrate: false }) : openDb({ pgliteDir: 'memory://', migrate: true });
}

export const TEST_PASSWORD = 'correct horse battery staple';

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@test.taperline.example`;
}

export async function sessionUser(db: Db, id: string): Promise<SessionUser> {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  if (!u) throw new Error('no such user');
  return { id: u.id, email: u.email, name: u.name, role: u.role, timeZone: u.timeZone };
}

export async function makeUser(db: Db, role: 'patient' | 'clinician' | 'admin', name = `Test ${role}`): Promise<SessionUser> {
  const id = await createUserWithPassword(db, null, { email: uniqueEmail(role), name, role, password: TEST_PASSWORD });
  return sessionUser(db, id);
}

/** A patient added by `clinician` (who becomes a plan-editing prescriber on the team). */
export async function makePatient(db: Db, clinician: SessionUser, overrides: { hasIntrathecalPump?: boolean } = {}) {
  const created = await addPatient(db, { id: clinician.id, role: clinician.role }, {
    name: 'Test Patient',
    email: uniqueEmail('patient'),
    timeZone: 'Europe/London',
    hasIntrathecalPump: overrides.hasIntrathecalPump ?? false,
    conditions: '',
    renalFunction: 'unknown',
    myDiscipline: 'prescriber',
    iMayEditPlan: true,
  });
  return { ...created, user: await sessionUser(db, created.patientId) };
}

export function signedIn(user: SessionUser): SessionState {
  return { status: 'signed-in', user };
}

export function callerFor(db: Db, who: SessionUser | 'anonymous' | 'expired') {
  const session: SessionState = who === 'anonymous' ? { status: 'anonymous' } : who === 'expired' ? { status: 'expired' } : signedIn(who);
  return createCaller(createContextFor(db, session, { origin: 'https://portal.test' }));
}
