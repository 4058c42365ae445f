// The read audit: who read which patient's record, when, and through what. Append-only: the app inserts and
// never updates or deletes. Kept apart from audit_events (changes), which it would outnumber many times over.
import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { userRole, users } from './users';

export const recordReads = pgTable(
  'record_reads',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').notNull().references(() => users.id),
    actorRole: userRole('actor_role').notNull(),
    // No foreign key, like audit_events.patient_id: a wide insert (a triage list of 200 patients) checks none.
    patientId: uuid('patient_id').notNull(),
    /** The procedure that returned the data ('plans.get', 'triage.list', 'exports.fhir'). */
    what: text('what').notNull(),
    /** The page whose rendering read it, ids replaced ('/clinician/patients/[id]/plan'); null for API calls and downloads. */
    page: text('page'),
    requestId: text('request_id').notNull(),
  },
  (t) => [
    index('record_reads_patient_idx').on(t.patientId, t.at),
    index('record_reads_actor_idx').on(t.actorId, t.at),
    index('record_reads_at_idx').on(t.at),
  ],
);
