// The access policy: who may read a patient's record, who may edit their plan, and who may prescribe
// (set or change doses). The one place it lives.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '~/db';
import { careTeamMembers, patientProfiles, users } from '~/db/schema';
import type { SessionUser } from './session';

/**
 * 'edit-plan': draft and edit a plan, hold it (pause, extend a step), manage the care team.
 * 'prescribe': what changes or starts doses (propose, start, resume, slow, step back, edit a step,
 * complete, stop): a plan editor whose account may prescribe.
 */
export type PatientPermission = 'read' | 'edit-plan' | 'prescribe';

export type PatientAccess =
  | { patientId: string; kind: 'self' }
  | {
      patientId: string;
      kind: 'care-team';
      discipline: string;
      mayEditPlan: boolean;
      /** The account may prescribe and this team lets them edit the plan: both are needed. */
      mayPrescribe: boolean;
    };

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
  // The prescribing right is read with the membership, in the same query, on every request: an
  // administrator's change applies at once, without waiting for the session to be renewed.
  const [member] = await db
    .select({ discipline: careTeamMembers.discipline, mayEditPlan: careTeamMembers.mayEditPlan, accountMayPrescribe: users.mayPrescribe })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.clinicianId))
    .where(and(eq(careTeamMembers.patientId, patientId), eq(careTeamMembers.clinicianId, user.id)))
    .limit(1);
  if (!member) return null;
  const { accountMayPrescribe, ...rest } = member;
  return { patientId, kind: 'care-team', ...rest, mayPrescribe: accountMayPrescribe && member.mayEditPlan };
}

export function allows(access: PatientAccess, permission: PatientPermission): boolean {
  if (permission === 'read') return true;
  if (access.kind !== 'care-team') return false;
  return permission === 'edit-plan' ? access.mayEditPlan : access.mayPrescribe;
}

/**
 * Step decisions that change doses (going on to the next cut, slowing, stepping back) are a prescriber's;
 * holding the current dose (hold, pause) is protective, and any plan editor may decide it.
 */
export function decisionNeedsPrescriber(decision: string): boolean {
  return decision === 'advance' || decision === 'slow' || decision === 'step-back';
}

/** Whether this clinician may prescribe for this patient: their account may, and the team lets them edit the plan. */
export async function prescribesFor(db: DbOrTx, clinicianId: string, patientId: string): Promise<boolean> {
  const [row] = await db
    .select({ mayPrescribe: users.mayPrescribe })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.clinicianId))
    .where(and(eq(careTeamMembers.patientId, patientId), eq(careTeamMembers.clinicianId, clinicianId), eq(careTeamMembers.mayEditPlan, true)))
    .limit(1);
  return row?.mayPrescribe ?? false;
}
