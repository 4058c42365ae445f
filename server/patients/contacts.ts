// A patient's phone numbers: their own and their emergency contact's (the patient or their care team edit
// these), and the number the patient calls for their care team (the team's to set).
import 'server-only';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '~/db';
import { patientProfiles } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { clinicCountry, withCountry } from '~/server/clinic/service';
import { AppError } from '~/server/errors';
import type { updateOwnContactsInput, updatePatientContactsInput } from '~/lib/contacts/inputs';

export interface PatientContacts {
  phone: string | null;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
  careTeamPhone: string | null;
}

const columns = {
  phone: patientProfiles.phone,
  emergencyContactName: patientProfiles.emergencyContactName,
  emergencyContactPhone: patientProfiles.emergencyContactPhone,
  careTeamPhone: patientProfiles.careTeamPhone,
};

async function saveContacts(tx: Tx, actor: Actor, patientId: string, change: Partial<PatientContacts>): Promise<PatientContacts> {
  const [before] = await tx.select(columns).from(patientProfiles).where(eq(patientProfiles.patientId, patientId)).for('update');
  if (!before) throw new AppError('NOT_FOUND', 'patients.notFound');
  // Numbers typed without a country code are read in the clinic's country, where they are real numbers there.
  const country = await clinicCountry(tx);
  const after: Partial<PatientContacts> = {};
  for (const [key, value] of Object.entries(change) as [keyof PatientContacts, string | null][]) {
    after[key] = key === 'emergencyContactName' ? value : withCountry(value, country);
  }
  await tx.update(patientProfiles).set({ ...after, updatedAt: new Date() }).where(eq(patientProfiles.patientId, patientId));
  const changed = Object.keys(after) as (keyof PatientContacts)[];
  await writeAudit(tx, actor, {
    action: 'patient.update_contacts',
    entityType: 'patient',
    entityId: patientId,
    patientId,
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after,
  });
  return { ...before, ...after };
}

/** The care team's edit: every number, the care-team number included. The caller has proved they are on the team. */
export async function updatePatientContacts(db: Db, actor: Actor, input: z.output<typeof updatePatientContactsInput>): Promise<PatientContacts> {
  const { patientId, ...change } = input;
  return db.transaction((tx) => saveContacts(tx, actor, patientId, change));
}

/** The patient's own edit: their number and their emergency contact (never the care-team number). The caller has proved they are the patient. */
export async function updateOwnContacts(db: Db, actor: Actor, input: z.output<typeof updateOwnContactsInput>): Promise<PatientContacts> {
  const { patientId, phone, emergencyContactName, emergencyContactPhone } = input;
  return db.transaction((tx) => saveContacts(tx, actor, patientId, { phone, emergencyContactName, emergencyContactPhone }));
}
