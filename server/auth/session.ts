// Turns a session token's claims into a live user, checking the database on every request; starts and
// ends the server-side record of each session.
import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '~/db';
import { patientProfiles, userSessions, userTotp, users } from '~/db/schema';
import { writeAudit } from '~/server/audit';
import { staffTwoStepRequired } from '~/server/env';
import { defaultLocale, isLocale, type Locale } from '~/lib/i18n/locales';
import { applyIdleRule, type IdleCheck } from './idle';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: 'patient' | 'clinician' | 'admin';
  timeZone: string;
  /** The language the person chose for the app (lib/i18n/locales.ts); absent where the user was not loaded with it. */
  locale?: Locale;
  /**
   * For a patient: whether their patient record exists, read with the session itself, so the access check
   * of their own record needs no query of its own. Absent when the user was not loaded that way.
   */
  hasPatientRecord?: boolean;
  /**
   * Set while this session still owes its second step, and it reaches nothing but that step:
   * 'verify': the account has an authenticator and the session passed no code (single sign-on);
   * 'enrol': the account must have one (staff, STAFF_TWO_STEP) and has none yet.
   */
  pendingSecondFactor?: 'verify' | 'enrol';
}

export type SessionState =
  /** `idleSecondsLeft`: for staff, the time left before the session ends for inactivity (server/auth/idle.ts). */
  | { status: 'signed-in'; user: SessionUser; sessionId: string; idleSecondsLeft?: number }
  | { status: 'expired' }
  | { status: 'anonymous' };

/**
 * What a session's JWT holds: the user, their session version, and the session's own id (`sid`). A token
 * without `sid` (issued before sessions were recorded) is no longer accepted: it could not be signed out.
 */
export const sessionClaimsSchema = z.object({ uid: z.uuid(), sv: z.number().int(), sid: z.uuid() });
export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

/**
 * A second factor a sign-in satisfied: a code from the account's authenticator ('totp'), one of its recovery
 * codes ('recovery'), or the identity provider vouched for one ('oidc-mfa', server/auth/oidc.ts).
 */
export type SecondFactor = 'totp' | 'recovery' | 'oidc-mfa';

/**
 * Records a new session for a user who just signed in; its id goes into the JWT. `secondFactor` says which
 * second factor the sign-in satisfied, if any.
 */
export async function startSession(
  db: DbOrTx,
  userId: string,
  method: 'password' | 'oidc',
  now: Date = new Date(),
  secondFactor: SecondFactor | null = null,
): Promise<string> {
  const [row] = await db.insert(userSessions).values({ userId, method, secondFactor, createdAt: now, lastActiveAt: now }).returning({ id: userSessions.id });
  if (!row) throw new Error('session not recorded');
  return row.id;
}

/**
 * Signing out: the session is revoked on the server, so the cookie stops working even where a copy of
 * it survives (a shared computer's disk, a proxy log). Audited once; signing out twice changes nothing.
 */
export async function endSession(db: Db, claims: Pick<SessionClaims, 'uid' | 'sid'>, now: Date = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [ended] = await tx
      .update(userSessions)
      .set({ revokedAt: now })
      .where(and(eq(userSessions.id, claims.sid), eq(userSessions.userId, claims.uid), isNull(userSessions.revokedAt)))
      .returning({ id: userSessions.id });
    if (!ended) return false;
    const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, claims.uid));
    await writeAudit(tx, { id: claims.uid }, {
      action: 'auth.sign_out',
      entityType: 'user',
      entityId: claims.uid,
      patientId: user?.role === 'patient' ? claims.uid : null,
      after: { session: claims.sid },
    });
    return true;
  });
}

/** The session check's one query: users, the patient flag, the authenticator and the session row together. */
function sessionQuery(db: DbOrTx) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      timeZone: users.timeZone,
      locale: users.locale,
      sessionVersion: users.sessionVersion,
      disabledAt: users.disabledAt,
      hasPatientRecord: sql<boolean>`${patientProfiles.patientId} is not null`,
      sessionFound: sql<boolean>`${userSessions.id} is not null`,
      sessionRevokedAt: userSessions.revokedAt,
      sessionSecondFactor: userSessions.secondFactor,
      hasAuthenticator: sql<boolean>`${userTotp.confirmedAt} is not null`,
      sessionRevokedReason: userSessions.revokedReason,
      sessionLastActiveAt: userSessions.lastActiveAt,
    })
    .from(users)
    .leftJoin(patientProfiles, eq(patientProfiles.patientId, users.id))
    .leftJoin(userTotp, eq(userTotp.userId, users.id))
    .leftJoin(userSessions, and(eq(userSessions.id, sql.placeholder('sid')), eq(userSessions.userId, users.id)))
    .where(eq(users.id, sql.placeholder('uid')))
    .limit(1)
    .prepare('check_session');
}

// Every request checks its session: the statement is built once per database handle, not on each request.
const sessionQueries = new WeakMap<DbOrTx, ReturnType<typeof sessionQuery>>();
function sessionQueryOf(db: DbOrTx) {
  let query = sessionQueries.get(db);
  if (!query) sessionQueries.set(db, (query = sessionQuery(db)));
  return query;
}

/**
 * The state of the session the claims describe, in one query (users, the patient flag and the session
 * row together). Signed in while the account is live, its session version current and the session not
 * revoked; 'anonymous' once it was signed out (as if the cookie were gone); 'expired' when the account is
 * gone or disabled, its session version moved on ("sign out everywhere", a password change), or the
 * session is unknown, or a staff session was left idle past STAFF_IDLE_MINUTES (server/auth/idle.ts; `idle`
 * says whether the request counts as the user's activity, and carries a fake clock for tests). A session
 * the idle rule ended stays 'expired', so every later request shows "session ended", not the sign-in page.
 */
export async function checkSession(db: DbOrTx, claims: SessionClaims, options: IdleCheck & { staffTwoStep?: boolean } = {}): Promise<SessionState> {
  const [row] = await sessionQueryOf(db).execute({ uid: claims.uid, sid: claims.sid });
  if (!row || row.disabledAt || row.sessionVersion !== claims.sv || !row.sessionFound) return { status: 'expired' };
  if (row.sessionRevokedAt) return { status: row.sessionRevokedReason === 'idle' ? 'expired' : 'anonymous' };
  const user: SessionUser = { id: row.id, email: row.email, name: row.name, role: row.role, timeZone: row.timeZone, locale: isLocale(row.locale) ? row.locale : defaultLocale };
  const pending = pendingStep({ role: row.role, passed: row.sessionSecondFactor, hasAuthenticator: Boolean(row.hasAuthenticator) }, options.staffTwoStep ?? staffTwoStepRequired);
  if (pending) user.pendingSecondFactor = pending;
  if (row.role === 'patient') return { status: 'signed-in', sessionId: claims.sid, user: { ...user, hasPatientRecord: Boolean(row.hasPatientRecord) } };
  const lastActiveAt = row.sessionLastActiveAt ?? new Date(0);
  const idleRule = await applyIdleRule(db, { sid: claims.sid, userId: row.id, role: row.role, lastActiveAt }, options);
  if (idleRule.ended) return { status: 'expired' };
  return { status: 'signed-in', sessionId: claims.sid, user, ...(idleRule.secondsLeft === null ? {} : { idleSecondsLeft: idleRule.secondsLeft }) };
}

/** What a session still owes (see SessionUser.pendingSecondFactor). */
export function pendingStep(
  s: { role: SessionUser['role']; passed: string | null; hasAuthenticator: boolean },
  staffTwoStep: boolean,
): SessionUser['pendingSecondFactor'] | undefined {
  if (s.passed) return undefined;
  if (s.hasAuthenticator) return 'verify';
  if (staffTwoStep && s.role !== 'patient') return 'enrol';
  return undefined;
}

/** The user of a live session, or null (see checkSession for when a session is not live). */
export async function loadSessionUser(db: DbOrTx, claims: SessionClaims): Promise<SessionUser | null> {
  const state = await checkSession(db, claims);
  return state.status === 'signed-in' ? state.user : null;
}
