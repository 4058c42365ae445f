// Turns a session token's claims into a live user, checking the database on every request.
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '~/db';
import { patientProfiles, users } from '~/db/schema';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: 'patient' | 'clinician' | 'admin';
  timeZone: string;
  /**
   * For a patient: whether their patient record exists, read with the session itself, so the access check
   * of their own record needs no query of its own. Absent when the user was not loaded that way.
   */
  hasPatientRecord?: boolean;
}

export type SessionState =
  | { status: 'signed-in'; user: SessionUser }
  | { status: 'expired' }
  | { status: 'anonymous' };

export const sessionClaimsSchema = z.object({ uid: z.uuid(), sv: z.number().int() });
export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

/**
 * The user the claims name, or null when the account is gone, disabled, or its session version moved
 * on ("sign out everywhere", password change): such a session stops working at once.
 */
export async function loadSessionUser(db: DbOrTx, claims: SessionClaims): Promise<SessionUser | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      timeZone: users.timeZone,
      sessionVersion: users.sessionVersion,
      disabledAt: users.disabledAt,
      hasPatientRecord: sql<boolean>`${patientProfiles.patientId} is not null`,
    })
    .from(users)
    .leftJoin(patientProfiles, eq(patientProfiles.patientId, users.id))
    .where(eq(users.id, claims.uid))
    .limit(1);
  if (!row || row.disabledAt || row.sessionVersion !== claims.sv) return null;
  const user: SessionUser = { id: row.id, email: row.email, name: row.name, role: row.role, timeZone: row.timeZone };
  return row.role === 'patient' ? { ...user, hasPatientRecord: Boolean(row.hasPatientRecord) } : user;
}
