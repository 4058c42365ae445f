// The audit trail and sign-in attempts. The app inserts into these and never updates or deletes.
import { bigserial, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    patientId: uuid('patient_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_events_patient_idx').on(t.patientId, t.createdAt),
    index('audit_events_actor_idx').on(t.actorId, t.createdAt),
  ],
);

// 'pending' is written before the password is checked, so parallel guesses see each other (see sign-in.ts).
// 'code-needed': the password was right and the account's second factor is asked for; it counts as neither.
export const signInOutcome = pgEnum('sign_in_outcome', ['pending', 'success', 'failure', 'throttled', 'code-needed']);

export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // Lower-cased address as typed, whether or not an account has it: throttling must not reveal which do.
    email: text('email').notNull(),
    // What throttling counts by (server/auth/ip.ts throttleKey): the client's IPv4 address, or its IPv6 /64.
    // The audit event of the attempt holds the address itself.
    ip: text('ip').notNull(),
    outcome: signInOutcome('outcome').notNull(),
    userId: uuid('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sign_in_attempts_email_idx').on(t.email, t.createdAt),
    index('sign_in_attempts_ip_idx').on(t.ip, t.createdAt),
  ],
);
