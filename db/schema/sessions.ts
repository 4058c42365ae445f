// Signed-in sessions, one row per sign-in: the session's id travels in its JWT, and signing out marks the
// row revoked, so a copy of the cookie stops working on the server too (server/auth/session.ts).
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

export const userSessions = pgTable(
  'user_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    /** 'password' or 'oidc'. */
    method: text('method').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set by signing out; a revoked session never works again. */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /**
     * The second factor this session passed: 'totp' or 'recovery' (password sign-in), 'oidc-mfa' (the
     * identity provider's ID token showed one the operator counts, AUTH_OIDC_MFA_CLAIMS). Null: none, which an account that has or needs one must fix
     * before the session reaches anything (server/auth/second-factor.ts).
     */
    secondFactor: text('second_factor'),
    /**
     * Staff sessions: the last request the user made, moved on at most once a minute (server/auth/idle.ts);
     * a session left longer than STAFF_IDLE_MINUTES is ended. Patients' sessions keep their start time here.
     */
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull().defaultNow(),
    /** Why the session was revoked when it was not signed out: 'idle'. Such a session reads as expired, not signed out. */
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId, t.createdAt)],
);
