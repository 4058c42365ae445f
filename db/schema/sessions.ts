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
    /**
     * The second factor this session's sign-in satisfied, or null when none did: 'oidc-mfa' when the identity
     * provider's ID token showed one the operator counts (AUTH_OIDC_MFA_CLAIMS).
     */
    secondFactor: text('second_factor'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set by signing out; a revoked session never works again. */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId, t.createdAt)],
);
