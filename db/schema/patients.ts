// Patient profiles and care teams: who the patient is and which clinicians may see or edit their record.
import { sql } from 'drizzle-orm';
import {
  boolean, check, date, index, pgEnum, pgTable, primaryKey, text, timestamp, uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users';
import { renalFunctionCategories, disciplines } from '../../lib/enums';

export { renalFunctionCategories, disciplines };

export const renalFunction = pgEnum('renal_function', renalFunctionCategories);

export const discipline = pgEnum('discipline', disciplines);

// patient_id is the patient's user id: one key to distribute every patient-owned table by.
export const patientProfiles = pgTable('patient_profiles', {
  patientId: uuid('patient_id').primaryKey().references(() => users.id, { onDelete: 'restrict' }),
  dateOfBirth: date('date_of_birth'),
  conditions: text('conditions').notNull().default(''),
  // normal: CrCl > 80; mild: 50-80; moderate: 30-50; severe: < 30 mL/min.
  renalFunction: renalFunction('renal_function').notNull().default('unknown'),
  hasIntrathecalPump: boolean('has_intrathecal_pump').notNull().default(false),
  /** The patient's own phone, for the team to call back. */
  phone: text('phone'),
  emergencyContactName: text('emergency_contact_name'),
  emergencyContactPhone: text('emergency_contact_phone'),
  /** The care team's direct number, shown on the patient's urgent screen; the clinic's number when null. */
  careTeamPhone: text('care_team_phone'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const careTeamMembers = pgTable(
  'care_team_members',
  {
    patientId: uuid('patient_id').notNull().references(() => patientProfiles.patientId, { onDelete: 'restrict' }),
    clinicianId: uuid('clinician_id').notNull().references(() => users.id, { onDelete: 'restrict' }),
    discipline: discipline('discipline').notNull(),
    mayEditPlan: boolean('may_edit_plan').notNull().default(false),
    addedBy: uuid('added_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.patientId, t.clinicianId] }),
    // The clinician's own patient list reads by clinician.
    index('care_team_members_clinician_idx').on(t.clinicianId, t.patientId),
    check('care_team_members_not_self', sql`${t.patientId} <> ${t.clinicianId}`),
  ],
);
