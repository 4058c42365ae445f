// Turns a session token's claims into a live user, checking the database on every request.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '~/db';
import { users } from '~/db/schema';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: 'patient' | 'clinician' | 'admin';
  timeZone: string;
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
    })
    .from(users)
    .where(eq(users.id, claims.uid))
    .limit(1);
  if (!row || row.disabledAt || row.sessionVersion !== claims.sv) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, timeZone: row.timeZone };
}
