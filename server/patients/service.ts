// Patients and their care teams: adding a patient, reading the record, and editing the team.
import 'server-only';
import { storedTranslator } from '~/server/i18n';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '~/db';
import { careTeamMembers, patientProfiles, taperPlans, users } from '~/db/schema';
import { refuseEmailInUse } from '~/server/accounts/email-in-use';
import { plansNeedingPrescriber } from '~/server/accounts/service';
import { disciplineFor } from '~/lib/accounts/profession';
import { raiseAlert } from '~/server/alerts/service';
import { PUMP_RECORDED, type PlanSafetyEvidence } from '~/lib/alerts/plan-safety';
import { writeAudit, type Actor } from '~/server/audit';
import { em } from '~/i18n/errors';
import { AppError, isUniqueViolation } from '~/server/errors';
import { deliverInvite } from '~/server/invites/deliver';
import { issueInvite } from '~/server/invites/service';
import { stopPlan } from '~/server/plans/service';
import type { addPatientInput, updatePatientProfileInput, addCareTeamMemberInput, updateCareTeamMemberInput, removeCareTeamMemberInput } from '~/lib/patients/inputs';

// The range check runs only on a well-formed date, so a typo gets one message, not two.

export type AddPatientInput = z.input<typeof addPatientInput>;

/** A clinician's discipline on any care team, from their account (profession and prescribing right). */
async function accountDiscipline(tx: DbOrTx, clinicianId: string) {
  const [account] = await tx.select({ profession: users.profession, mayPrescribe: users.mayPrescribe }).from(users).where(eq(users.id, clinicianId));
  if (!account) throw new AppError('NOT_FOUND', 'patients.accountNotFound');
  return disciplineFor(account);
}

/** What adding a patient takes: the form's input, its language optional (English by default) for scripts and seeds. */
export type AddPatientServiceInput = Omit<z.output<typeof addPatientInput>, 'locale'> & { locale?: z.output<typeof addPatientInput>['locale'] };

export async function addPatient(db: Db, actor: Actor, input: AddPatientServiceInput) {
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, role: 'patient', timeZone: input.timeZone, locale: input.locale ?? 'en' })
        .returning({ id: users.id });
      if (!user) throw new AppError('UNAVAILABLE', 'patients.notSaved');
      const profile = {
        patientId: user.id,
        dateOfBirth: input.dateOfBirth ?? null,
        conditions: input.conditions,
        renalFunction: input.renalFunction,
        hasIntrathecalPump: input.hasIntrathecalPump,
        createdBy: actor.id,
      };
      await tx.insert(patientProfiles).values(profile);
      await writeAudit(tx, actor, { action: 'patient.create', entityType: 'patient', entityId: user.id, patientId: user.id, after: { ...profile, name: input.name, email: input.email, timeZone: input.timeZone, locale: input.locale ?? 'en' } });
      const member = { patientId: user.id, clinicianId: actor.id, discipline: await accountDiscipline(tx, actor.id), mayEditPlan: true, addedBy: actor.id };
      // The creator is always a plan editor: a team without one could never be changed again.
      await tx.insert(careTeamMembers).values(member);
      await writeAudit(tx, actor, { action: 'care_team.add', entityType: 'care_team_member', entityId: actor.id, patientId: user.id, after: member });
      const invite = await issueInvite(tx, actor, { userId: user.id, email: input.email, role: 'patient', patientId: user.id });
      return { patientId: user.id, ...invite };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) await refuseEmailInUse(db, actor, { action: 'patient.create_refused', email: input.email, answer: 'patient' });
    throw error;
  }
}

export async function updatePatientProfile(db: Db, actor: Actor, input: z.output<typeof updatePatientProfileInput>) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(patientProfiles).where(eq(patientProfiles.patientId, input.patientId)).for('update');
    const [userBefore] = await tx.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, input.patientId));
    if (!before || !userBefore) throw new AppError('NOT_FOUND', 'patients.notFound');
    const after = {
      dateOfBirth: input.dateOfBirth ?? null,
      conditions: input.conditions,
      renalFunction: input.renalFunction,
      hasIntrathecalPump: input.hasIntrathecalPump,
    };
    await tx.update(patientProfiles).set({ ...after, updatedAt: new Date() }).where(eq(patientProfiles.patientId, input.patientId));
    await tx.update(users).set({ timeZone: input.timeZone, updatedAt: new Date() }).where(eq(users.id, input.patientId));
    await writeAudit(tx, actor, {
      action: 'patient.update',
      entityType: 'patient',
      entityId: input.patientId,
      patientId: input.patientId,
      before: { dateOfBirth: before.dateOfBirth, conditions: before.conditions, renalFunction: before.renalFunction, hasIntrathecalPump: before.hasIntrathecalPump, timeZone: userBefore.timeZone },
      after: { ...after, timeZone: input.timeZone },
    });
    const stoppedPlan = !before.hasIntrathecalPump && input.hasIntrathecalPump ? await stopForPump(tx, actor, input.patientId) : null;
    return { ok: true as const, stoppedPlan };
  });
}


/**
 * A pump recorded while a plan is open: the plan stops now (a new version, by the person who recorded the
 * pump), and the care team gets an urgent alert, since pump doses are the pump team's and oral changes
 * around a pump need a prescriber's look. Runs in the transaction that recorded the pump.
 */
async function stopForPump(tx: Tx, actor: Actor, patientId: string) {
  const [open] = await tx
    .select({ id: taperPlans.id, version: taperPlans.version, status: taperPlans.status })
    .from(taperPlans)
    .where(and(eq(taperPlans.patientId, patientId), inArray(taperPlans.status, ['draft', 'proposed', 'agreed', 'active', 'paused'])))
    .limit(1);
  if (!open) return null;
  // The reason is kept with the plan's history, in the patient's language (the patient reads it as the team does).
  const [patient] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, patientId));
  const reason = storedTranslator(patient?.locale)('pumpStopReason');
  const stopped = await stopPlan(tx, actor, { patientId, planId: open.id, expectedVersion: open.version, reason });
  const evidence: PlanSafetyEvidence = { planId: open.id, statusBefore: open.status, stoppedVersion: stopped.version };
  const alertId = await raiseAlert(tx, actor, patientId, { kind: 'plan-safety', severity: 'urgent', code: PUMP_RECORDED, evidence, dedupeKey: `plan-safety:${PUMP_RECORDED}:${open.id}` });
  return { planId: stopped.planId, version: stopped.version, alertId };
}

function accountStatus(disabledAt: Date | null, hasPassword: boolean): 'disabled' | 'active' | 'invited' {
  return disabledAt ? 'disabled' : hasPassword ? 'active' : 'invited';
}

/** A patient's record as their care team and they themselves see it. The caller has proved read access. */
export async function getPatientRecord(db: DbOrTx, patientId: string) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      timeZone: users.timeZone,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      disabledAt: users.disabledAt,
      dateOfBirth: patientProfiles.dateOfBirth,
      conditions: patientProfiles.conditions,
      renalFunction: patientProfiles.renalFunction,
      hasIntrathecalPump: patientProfiles.hasIntrathecalPump,
      phone: patientProfiles.phone,
      emergencyContactName: patientProfiles.emergencyContactName,
      emergencyContactPhone: patientProfiles.emergencyContactPhone,
      careTeamPhone: patientProfiles.careTeamPhone,
      createdAt: patientProfiles.createdAt,
    })
    .from(patientProfiles)
    .innerJoin(users, eq(users.id, patientProfiles.patientId))
    .where(eq(patientProfiles.patientId, patientId))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', 'patients.notFound');
  const careTeam = await listCareTeam(db, patientId);
  const { hasPassword, ...patient } = row;
  return { patient: { ...patient, accountStatus: accountStatus(row.disabledAt, hasPassword) }, careTeam };
}

export async function listCareTeam(db: DbOrTx, patientId: string) {
  return db
    .select({
      clinicianId: careTeamMembers.clinicianId,
      name: users.name,
      email: users.email,
      discipline: careTeamMembers.discipline,
      mayEditPlan: careTeamMembers.mayEditPlan,
      // A prescriber on this team: their account may prescribe and the team lets them edit the plan.
      mayPrescribe: sql<boolean>`${users.mayPrescribe} and ${careTeamMembers.mayEditPlan}`,
      since: careTeamMembers.createdAt,
    })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.clinicianId))
    .where(eq(careTeamMembers.patientId, patientId))
    .orderBy(asc(users.name));
}

/** The clinician's own patients: one indexed query through their care-team memberships. */
export async function listMyPatients(db: DbOrTx, clinicianId: string) {
  const rows = await db
    .select({
      patientId: users.id,
      name: users.name,
      email: users.email,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      disabledAt: users.disabledAt,
      hasIntrathecalPump: patientProfiles.hasIntrathecalPump,
      discipline: careTeamMembers.discipline,
      mayEditPlan: careTeamMembers.mayEditPlan,
    })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.patientId))
    .innerJoin(patientProfiles, eq(patientProfiles.patientId, careTeamMembers.patientId))
    .where(eq(careTeamMembers.clinicianId, clinicianId))
    .orderBy(asc(users.name));
  return rows.map(({ hasPassword, disabledAt, ...r }) => ({ ...r, accountStatus: accountStatus(disabledAt, hasPassword) }));
}

export async function addCareTeamMember(db: Db, actor: Actor, input: z.output<typeof addCareTeamMemberInput>) {
  const [clinician] = await db
    .select({ id: users.id, role: users.role, disabledAt: users.disabledAt, profession: users.profession, mayPrescribe: users.mayPrescribe })
    .from(users)
    .where(eq(users.email, input.clinicianEmail))
    .limit(1);
  if (!clinician || clinician.role !== 'clinician' || clinician.disabledAt) {
    const message = 'patients.noClinicianAccount';
    throw new AppError('NOT_FOUND', message, { clinicianEmail: [message] });
  }
  try {
    return await db.transaction(async (tx) => {
      const member = { patientId: input.patientId, clinicianId: clinician.id, discipline: disciplineFor(clinician), mayEditPlan: input.mayEditPlan, addedBy: actor.id };
      await tx.insert(careTeamMembers).values(member);
      await writeAudit(tx, actor, { action: 'care_team.add', entityType: 'care_team_member', entityId: clinician.id, patientId: input.patientId, after: member });
      return { clinicianId: clinician.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = 'patients.alreadyOnTeam';
      throw new AppError('CONFLICT', message, { clinicianEmail: [message] });
    }
    throw error;
  }
}

async function lockTeam(tx: DbOrTx, patientId: string) {
  // Serialises team edits per patient so "at least one plan editor" (and, while a plan is in progress,
  // "at least one prescriber") cannot be broken by two edits at once.
  return tx
    .select({
      patientId: careTeamMembers.patientId,
      clinicianId: careTeamMembers.clinicianId,
      discipline: careTeamMembers.discipline,
      mayEditPlan: careTeamMembers.mayEditPlan,
      addedBy: careTeamMembers.addedBy,
      createdAt: careTeamMembers.createdAt,
      accountMayPrescribe: users.mayPrescribe,
    })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.clinicianId))
    .where(eq(careTeamMembers.patientId, patientId))
    .for('update', { of: careTeamMembers });
}

const lastEditorMessage = 'patients.keepPlanEditor';

/**
 * Refuses a change that would leave a plan in progress (proposed, agreed, active or paused) without a
 * prescriber who may edit it: nobody could then change its doses, resume it, or stop it. `after` is the
 * member's plan-editing right after the change, or null when they are removed.
 */
async function keepPrescriber(tx: DbOrTx, team: Awaited<ReturnType<typeof lockTeam>>, clinicianId: string, after: boolean | null, field?: string) {
  const prescribes = (m: (typeof team)[number]) => m.accountMayPrescribe && m.mayEditPlan;
  const member = team.find((m) => m.clinicianId === clinicianId);
  if (!member || !prescribes(member) || after === true) return;
  if (team.some((m) => m.clinicianId !== clinicianId && prescribes(m))) return;
  const patientId = member.patientId;
  const [plan] = await tx
    .select({ status: taperPlans.status })
    .from(taperPlans)
    .where(and(eq(taperPlans.patientId, patientId), inArray(taperPlans.status, [...plansNeedingPrescriber])))
    .limit(1);
  if (!plan) return;
  const message = em('patients.keepPrescriber', { status: plan.status });
  throw new AppError('BAD_REQUEST', message, field ? { [field]: [message] } : undefined);
}

export async function updateCareTeamMember(db: Db, actor: Actor, input: z.output<typeof updateCareTeamMemberInput>) {
  return db.transaction(async (tx) => {
    const team = await lockTeam(tx, input.patientId);
    const before = team.find((m) => m.clinicianId === input.clinicianId);
    if (!before) throw new AppError('NOT_FOUND', 'patients.notOnTeam');
    if (!input.mayEditPlan && !team.some((m) => m.clinicianId !== input.clinicianId && m.mayEditPlan)) {
      throw new AppError('BAD_REQUEST', lastEditorMessage, { mayEditPlan: [lastEditorMessage] });
    }
    await keepPrescriber(tx, team, input.clinicianId, input.mayEditPlan, 'mayEditPlan');
    await tx
      .update(careTeamMembers)
      .set({ mayEditPlan: input.mayEditPlan })
      .where(and(eq(careTeamMembers.patientId, input.patientId), eq(careTeamMembers.clinicianId, input.clinicianId)));
    await writeAudit(tx, actor, {
      action: 'care_team.update',
      entityType: 'care_team_member',
      entityId: input.clinicianId,
      patientId: input.patientId,
      before: { mayEditPlan: before.mayEditPlan },
      after: { mayEditPlan: input.mayEditPlan },
    });
    return { ok: true as const };
  });
}

export async function removeCareTeamMember(db: Db, actor: Actor, input: z.output<typeof removeCareTeamMemberInput>) {
  return db.transaction(async (tx) => {
    const team = await lockTeam(tx, input.patientId);
    const found = team.find((m) => m.clinicianId === input.clinicianId);
    if (!found) throw new AppError('NOT_FOUND', 'patients.notOnTeam');
    if (!team.some((m) => m.clinicianId !== input.clinicianId && m.mayEditPlan)) {
      throw new AppError('BAD_REQUEST', lastEditorMessage);
    }
    await keepPrescriber(tx, team, input.clinicianId, null);
    await tx
      .delete(careTeamMembers)
      .where(and(eq(careTeamMembers.patientId, input.patientId), eq(careTeamMembers.clinicianId, input.clinicianId)));
    const { accountMayPrescribe: _account, ...before } = found;
    await writeAudit(tx, actor, { action: 'care_team.remove', entityType: 'care_team_member', entityId: input.clinicianId, patientId: input.patientId, before });
    return { ok: true as const };
  });
}

/** A fresh invite link for a patient who has not set a password yet (the old link stops working). */
export async function reissuePatientInvite(db: Db, actor: Actor, patientId: string) {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, patientId))
      .for('update');
    if (!user) throw new AppError('NOT_FOUND', 'patients.notFound');
    if (user.passwordHash) throw new AppError('BAD_REQUEST', 'patients.alreadySignedUp');
    const invite = await issueInvite(tx, actor, { userId: user.id, email: user.email, role: 'patient', patientId });
    return { ...invite, email: user.email, name: user.name, locale: user.locale };
  });
}

/** Clinicians the actor may add to a care team: the clinic's active clinician accounts, with the discipline they would join as. */
export async function listClinicianDirectory(db: DbOrTx) {
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, profession: users.profession, mayPrescribe: users.mayPrescribe })
    .from(users)
    .where(and(eq(users.role, 'clinician'), sql`${users.disabledAt} is null`))
    .orderBy(asc(users.name));
  return rows.map(({ profession, mayPrescribe, ...r }) => ({ ...r, discipline: disciplineFor({ profession, mayPrescribe }) }));
}


/** A new patient and their invite link, emailed too when possible (after the patient's transaction committed). */
export async function invitePatient(db: Db, actor: Actor, input: z.output<typeof addPatientInput>, origin: string) {
  const created = await addPatient(db, actor, input);
  return { patientId: created.patientId, ...(await deliverInvite(origin, { ...created, email: input.email, name: input.name, locale: input.locale ?? 'en' })) };
}

/** A fresh invite link for a patient who has not signed in yet (the old link stops working). */
export async function reissuePatientInviteLink(db: Db, actor: Actor, patientId: string, origin: string) {
  return deliverInvite(origin, await reissuePatientInvite(db, actor, patientId));
}
