// The access policy: who may read a patient's record, who may edit their plan, and who may prescribe
// (set or change doses); and who has a place in an MDT meeting. The one place it lives.
import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/db';
import { careTeamMembers, mdtAttendees, mdtPatientItems, patientProfiles, users, type disciplines } from '~/db/schema';
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

function membershipQuery(db: DbOrTx) {
  return db
    .select({ discipline: careTeamMembers.discipline, mayEditPlan: careTeamMembers.mayEditPlan, accountMayPrescribe: users.mayPrescribe })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.clinicianId))
    .where(and(eq(careTeamMembers.patientId, sql.placeholder('patientId')), eq(careTeamMembers.clinicianId, sql.placeholder('clinicianId'))))
    .limit(1)
    .prepare('care_team_membership');
}

// A clinician's every call on a patient checks the membership: the statement is built once per database handle.
const membershipQueries = new WeakMap<DbOrTx, ReturnType<typeof membershipQuery>>();
function membershipQueryOf(db: DbOrTx) {
  let query = membershipQueries.get(db);
  if (!query) membershipQueries.set(db, (query = membershipQuery(db)));
  return query;
}

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
  const [member] = await membershipQueryOf(db).execute({ patientId, clinicianId: user.id });
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

// ---------------------------------------------------------------------------------------------------
// MDT meetings: the clinic's, not one patient's. An attendee has a place in the meeting; what it says
// about each patient is for that patient's care team only (the same rule as `patientAccess`).

/** One patient's item on a meeting's agenda, and whether the attendee is on that patient's care team. */
export interface MeetingItemAccess {
  itemId: string;
  patientId: string;
  onTeam: boolean;
}

export interface MeetingAccess {
  meetingId: string;
  clinicianId: string;
  discipline: (typeof disciplines)[number];
  /** Every item of the agenda, in agenda order; only those with `onTeam` may be seen or written. */
  items: MeetingItemAccess[];
}

/**
 * The caller's place in a meeting, or null when they have none: only a clinician who attends it. An
 * unknown meeting and one the caller does not attend get the same null, so ids reveal nothing.
 */
export async function meetingAccess(db: DbOrTx, user: Pick<SessionUser, 'id' | 'role'>, meetingId: string): Promise<MeetingAccess | null> {
  if (user.role !== 'clinician') return null;
  // One round trip: the attendance, and each item with the caller's care-team membership for its patient.
  const rows = await db
    .select({
      discipline: mdtAttendees.discipline,
      itemId: mdtPatientItems.id,
      patientId: mdtPatientItems.patientId,
      onTeam: sql<boolean>`exists (select 1 from ${careTeamMembers} c where c.patient_id = ${mdtPatientItems.patientId} and c.clinician_id = ${user.id})`,
    })
    .from(mdtAttendees)
    .leftJoin(mdtPatientItems, eq(mdtPatientItems.meetingId, mdtAttendees.meetingId))
    .where(and(eq(mdtAttendees.meetingId, meetingId), eq(mdtAttendees.clinicianId, user.id)))
    .orderBy(asc(mdtPatientItems.createdAt), asc(mdtPatientItems.id));
  const [first] = rows;
  if (!first) return null;
  const items: MeetingItemAccess[] = [];
  for (const r of rows) if (r.itemId !== null && r.patientId !== null) items.push({ itemId: r.itemId, patientId: r.patientId, onTeam: Boolean(r.onTeam) });
  return { meetingId, clinicianId: user.id, discipline: first.discipline, items };
}

/**
 * Which of these clinicians are on which of these patients' care teams (the membership `patientAccess`
 * reads), for many at once: an MDT's signatures count for the patients whose team the signer is on.
 */
export async function careTeamMemberships(db: DbOrTx, clinicianIds: string[], patientIds: string[]): Promise<{ patientId: string; clinicianId: string }[]> {
  if (clinicianIds.length === 0 || patientIds.length === 0) return [];
  return db
    .select({ patientId: careTeamMembers.patientId, clinicianId: careTeamMembers.clinicianId })
    .from(careTeamMembers)
    .where(and(inArray(careTeamMembers.patientId, patientIds), inArray(careTeamMembers.clinicianId, clinicianIds)));
}
