// The second sign-in factor: a TOTP authenticator (RFC 6238) and single-use recovery codes.
// The TOTP secret must be read back to check codes, so it is stored encrypted (AES-256-GCM, key derived from
// AUTH_SECRET: server/auth/totp.ts); recovery codes are random and long, so only their SHA-256 is kept.
import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * One authenticator per account. A new secret waits in `pending*` until a code from it is confirmed (the
 * secret was shown, no code has been typed yet); only then does it replace the account's authenticator,
 * so an enrolment under way never leaves the account without its factor.
 */
export const userTotp = pgTable('user_totp', {
  userId: uuid('user_id').primaryKey().references(() => users.id),
  /** base64url(iv | ciphertext | tag) of the base32 secret of the confirmed authenticator. */
  secretEncrypted: text('secret_encrypted'),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  /** The RFC 6238 time step of the last code accepted: a code is taken once, and none older after it. */
  lastStep: bigint('last_step', { mode: 'number' }),
  /** A secret being enrolled, encrypted the same way, and when it was shown. */
  pendingSecretEncrypted: text('pending_secret_encrypted'),
  pendingSince: timestamp('pending_since', { withTimezone: true }),
});

/** Ten per account, made together when the authenticator is confirmed (or the codes are renewed). */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);
