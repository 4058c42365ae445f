// Single-use invitations: only a hash of the token is stored, so a database leak cannot be replayed.
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { userRole, users } from './users';

export const invites = pgTable(
  'invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    email: text('email').notNull(),
    role: userRole('role').notNull(),
    // The invited account (created with the invite, without a password).
    userId: uuid('user_id').notNull().references(() => users.id),
    // Set for patient invites; kept for distribution by patient.
    patientId: uuid('patient_id').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invites_token_hash_key').on(t.tokenHash),
    index('invites_user_idx').on(t.userId),
    index('invites_patient_idx').on(t.patientId),
  ],
);
