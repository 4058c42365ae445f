// Accounts: every person who signs in, whatever their role.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const userRoles = ['patient', 'clinician', 'admin'] as const;
export const userRole = pgEnum('user_role', userRoles);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Stored lower-cased; the unique index makes two accounts for one address impossible.
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: userRole('role').notNull(),
    // Null until the person accepts their invite (or for single sign-on only accounts).
    passwordHash: text('password_hash'),
    timeZone: text('time_zone').notNull().default('UTC'),
    // Bumped by "sign out everywhere", a password change or disabling: every older session dies.
    sessionVersion: integer('session_version').notNull().default(1),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    index('users_role_idx').on(t.role),
    check('users_email_lower', sql`${t.email} = lower(${t.email})`),
  ],
);
