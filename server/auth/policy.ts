// The access policy: who may read a patient's record and who may edit their plan. The one place it lives.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '~/db';
import { careTeamMembers, patientProfiles } from '~/db/schema';
import type { SessionUser } from './session';

export type PatientPermission = 'read' | 'edit-plan';

export type PatientAccess =
  | { patientId: string; kind: 'self' }
  | { patientId: string; kind: 'care-team'; discipline: string; mayEditPlan: boolean };

/**
 * What the user may do with this patient's record, or null for nothing. A patient reaches only
 * themselves; a clinician only patients whose care team they are on; an admin no patient at all.
 */
export async function patientAccess(db: DbOrTx, user: SessionUser, patientId: string): Promise<PatientAccess | null> {
  if (user.role === 'patient') {
    if (user.id !== patientId) return null;
    // Read with this request's session (loadSessionUser): the same row, no second query.
    if (user.hasPatientRecord !== undefined) return user.hasPatientRecord ? { patientId, kind: 'self' } : null;
    const [profile] = await db
      .select({ id: patientProfiles.patientId })
      .from(patientProfiles)
      .where(eq(patientProfiles.patientId, patientId))
      .limit(1);
    return profile ? { patientId, kind: 'self' } : null;
  }
  if (user.role !== 'clinician') return null;
  const [member] = await db
    .select({ discipline: careTeamMembers.discipline, mayEditPlan: careTeamMembers.mayEditPlan })
    .from(careTeamMembers)
    .where(and(eq(careTeamMembers.patientId, patientId), eq(careTeamMembers.clinicianId, user.id)))
    .limit(1);
  return member ? { patientId, kind: 'care-team', ...member } : null;
}

export function allows(access: PatientAccess, permission: PatientPermission): boolean {
  if (permission === 'read') return true;
  return access.kind === 'care-team' && access.mayEditPlan;
}
