// Password reset links: only a hash of the token is stored (like invites), so a database leak cannot be replayed.
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/** One emailed reset link. A request for an unknown, disabled or throttled account writes no row. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull().references(() => users.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when the link was used, or when another link of the account was (one reset spends them all). */
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** What throttling counts by (server/auth/ip.ts throttleKey), not the address itself (that is in the audit). */
    requestIp: text('request_ip').notNull(),
  },
  (t) => [
    uniqueIndex('password_resets_token_hash_key').on(t.tokenHash),
    // The throttle counts the links of one account, and of one address, within the last hour.
    index('password_resets_user_idx').on(t.userId, t.createdAt),
    index('password_resets_ip_idx').on(t.requestIp, t.createdAt),
  ],
);
