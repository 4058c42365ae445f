// The idle timeout of staff sessions: a clinician's or administrator's session left without a request from
// its user for longer than STAFF_IDLE_MINUTES ends, on the server, at its next request.
import 'server-only';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '~/db';
import { userSessions } from '~/db/schema';
import { writeAudit } from '~/server/audit';
import { env } from '~/server/env';
import { ACTIVITY_RECORD_SECONDS, BACKGROUND_REQUEST_HEADER, hasIdleTimeout } from '~/lib/sessions/idle';
import type { SessionState } from './session';

export interface IdleCheck {
  /** The time of the request (tests pass a fake clock). */
  now?: Date;
  /** A request the app made on its own (BACKGROUND_REQUEST_HEADER): checked, but not counted as activity. */
  background?: boolean;
  /** The limit; STAFF_IDLE_MINUTES when not given. */
  idleMinutes?: number;
}

export type IdleOutcome = { ended: true } | { ended: false; secondsLeft: number | null };

interface LiveSession {
  sid: string;
  userId: string;
  role: 'patient' | 'clinician' | 'admin';
  lastActiveAt: Date;
}

/**
 * Applies the idle rule to a live session. A staff session idle past the limit is revoked (reason 'idle')
 * and audited once as `auth.session_idle`; otherwise a request of the user's own moves its last activity
 * on, but only when the recorded one is a minute old or more, so most requests write nothing (and the
 * condition in the update keeps concurrent requests from writing twice). Patients: nothing (null left).
 */
export async function applyIdleRule(db: DbOrTx, session: LiveSession, check: IdleCheck = {}): Promise<IdleOutcome> {
  if (!hasIdleTimeout(session.role)) return { ended: false, secondsLeft: null };
  const now = check.now ?? new Date();
  const limitMs = (check.idleMinutes ?? env.STAFF_IDLE_MINUTES) * 60_000;
  const idleMs = now.getTime() - session.lastActiveAt.getTime();
  if (idleMs > limitMs) {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(userSessions)
        .set({ revokedAt: now, revokedReason: 'idle' })
        .where(and(eq(userSessions.id, session.sid), isNull(userSessions.revokedAt)))
        .returning({ id: userSessions.id });
      // Another request ended it first: that one wrote the audit event.
      if (!row) return;
      await writeAudit(tx, { id: session.userId }, {
        action: 'auth.session_idle',
        entityType: 'user',
        entityId: session.userId,
        after: { session: session.sid, idleMinutes: Math.floor(idleMs / 60_000), limitMinutes: limitMs / 60_000 },
      });
    });
    return { ended: true };
  }
  if (check.background || idleMs < ACTIVITY_RECORD_SECONDS * 1000) return { ended: false, secondsLeft: (limitMs - idleMs) / 1000 };
  await db
    .update(userSessions)
    .set({ lastActiveAt: now })
    .where(and(eq(userSessions.id, session.sid), lt(userSessions.lastActiveAt, new Date(now.getTime() - ACTIVITY_RECORD_SECONDS * 1000))));
  return { ended: false, secondsLeft: limitMs / 1000 };
}

/**
 * What the browser's warning asks for (account.keepAlive): the seconds the signed-in session has left
 * before it ends for inactivity, as of this request; null for a patient, whose sessions do not go idle.
 */
export function idleStatus(session: SessionState): { idleSecondsLeft: number | null } {
  return { idleSecondsLeft: session.status === 'signed-in' ? (session.idleSecondsLeft ?? null) : null };
}

/**
 * Whether the app, not its user, made a request: a fetch marked with BACKGROUND_REQUEST_HEADER, or Next's
 * prefetch of a linked page (sent when the link scrolls into view). Neither keeps a staff session alive.
 */
export function isBackgroundRequest(headers: Pick<Headers, 'get'>): boolean {
  return headers.get(BACKGROUND_REQUEST_HEADER) === '1' || headers.get('next-router-prefetch') !== null;
}
