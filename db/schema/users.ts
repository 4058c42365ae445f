// Accounts: every person who signs in, whatever their role.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { userRoles, professions } from '../../lib/enums';

export { userRoles, professions };

export const userRole = pgEnum('user_role', userRoles);

/**
 * A clinician's profession, set by an administrator. Whether they may prescribe is a separate right
 * (`may_prescribe`): a nurse practitioner or a pharmacist may, a physician in training may not.
 */
export const profession = pgEnum('profession', professions);

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
    /** The language the person reads the app, its emails and notifications in (lib/i18n/locales.ts). */
    locale: text('locale').notNull().default('en'),
    /** Clinicians only (null for patients and administrators). */
    profession: profession('profession'),
    /** Whether this clinician may set or change doses (only clinicians may). Set by an administrator. */
    mayPrescribe: boolean('may_prescribe').notNull().default(false),
    // Bumped by "sign out everywhere", a password change or disabling: every older session dies.
    sessionVersion: integer('session_version').notNull().default(1),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** When the account was last emailed that sign-in attempts were blocked: at most one such email an hour. */
    signInNoticeAt: timestamp('sign_in_notice_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    index('users_role_idx').on(t.role),
    check('users_email_lower', sql`${t.email} = lower(${t.email})`),
    // The profession decides a clinician's care-team discipline, so every clinician has one; nobody else
    // does, and only a clinician may prescribe. Checked here so no path (a script, a seed, a future
    // service) can write an account the access rules cannot read; the services give field errors first.
    check('users_profession_clinicians_only', sql`(${t.role} = 'clinician') = (${t.profession} is not null)`),
    check('users_locale_known', sql`${t.locale} in ('en', 'es')`),
    check('users_may_prescribe_clinicians_only', sql`not ${t.mayPrescribe} or ${t.role} = 'clinician'`),
  ],
);
