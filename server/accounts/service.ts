// Accounts: a person's own password and sessions, and the administrator's clinician accounts.
import 'server-only';
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '~/db';
import { careTeamMembers, taperPlans, userTotp, users } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { hashPassword, passwordSchema, verifyPassword } from '~/server/auth/password';
import { em, isErrorKey, type ErrorKey, type ErrorText, type ErrorValues } from '~/i18n/errors';
import { AppError, isUniqueViolation } from '~/server/errors';
import { deliverInvite } from '~/server/invites/deliver';
import { issueInvite } from '~/server/invites/service';
import { refuseEmailInUse } from './email-in-use';
import { emailSchema, personNameSchema, timeZoneSchema } from '~/lib/validation';
import { disciplineFor, type Profession } from '~/lib/accounts/profession';
import type { Locale } from '~/lib/i18n/locales';
import { staffRightsIssues, type changePasswordInput, type createStaffInput, type updateClinicianInput, type setUserDisabledInput } from '~/lib/accounts/inputs';

/** Changes the password and ends every other session (the caller signs in again with the new one). */
export async function changePassword(db: Db, actor: Actor, input: z.output<typeof changePasswordInput>) {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('BAD_REQUEST', 'accounts.currentPasswordWrong', { currentPassword: ['accounts.currentPasswordWrong'] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, actor.id));
    await writeAudit(tx, actor, { action: 'account.change_password', entityType: 'user', entityId: actor.id, patientId: actor.role === 'patient' ? actor.id : null });
    return { ok: true as const };
  });
}

/** The language the person reads the app in, and their emails and notifications. Audited; changing to the same one writes nothing. */
export async function setLocale(db: Db, actor: Actor, locale: Locale) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, actor.id)).for('update');
    if (!before) throw new AppError('NOT_FOUND', 'accounts.accountNotFound');
    if (before.locale === locale) return { locale };
    await tx.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, actor.id));
    await writeAudit(tx, actor, {
      action: 'account.set_locale',
      entityType: 'user',
      entityId: actor.id,
      patientId: actor.role === 'patient' ? actor.id : null,
      before: { locale: before.locale },
      after: { locale },
    });
    return { locale };
  });
}

/** Ends every session of this account at once, this one included. */
export async function signOutEverywhere(db: Db, actor: Actor) {
  return db.transaction(async (tx) => {
    await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() }).where(eq(users.id, actor.id));
    await writeAudit(tx, actor, { action: 'account.sign_out_everywhere', entityType: 'user', entityId: actor.id, patientId: actor.role === 'patient' ? actor.id : null });
    return { ok: true as const };
  });
}


const emailTaken = () =>
  new AppError('CONFLICT', 'accounts.emailTaken', { email: ['accounts.emailTaken'] });

/** An administrator creates a clinician (or another administrator); they get an invite link. */
export async function createStaffAccount(db: Db, actor: Actor, input: z.output<typeof createStaffInput>) {
  try {
    return await db.transaction(async (tx) => {
      const rights = input.role === 'clinician' ? { profession: input.profession ?? null, mayPrescribe: input.mayPrescribe } : { profession: null, mayPrescribe: false };
      const [user] = await tx.insert(users).values({ email: input.email, name: input.name, role: input.role, timeZone: input.timeZone, ...rights }).returning({ id: users.id });
      if (!user) throw new AppError('UNAVAILABLE', 'accounts.notSavedTryAgain');
      await writeAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: user.id, after: { email: input.email, name: input.name, role: input.role, ...rights } });
      const invite = await issueInvite(tx, actor, { userId: user.id, email: input.email, role: input.role, patientId: null });
      return { userId: user.id, ...invite };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) await refuseEmailInUse(db, actor, { action: 'user.create_refused', email: input.email, answer: 'staff' });
    throw error;
  }
}

/**
 * A script's input refused by the schemas: an AppError with the first message and each field's, in keys with
 * the bounds they name (as the API writes zod's issues), so a script prints English and not keys. A check
 * without a message of ours (zod's own English) only ever fails beside one with a message, and is left out.
 */
function scriptInputError(error: z.ZodError): AppError | z.ZodError {
  const texts = error.issues.flatMap((issue): { field: string; text: ErrorText }[] => {
    if (!isErrorKey(issue.message)) return [];
    const values: ErrorValues = {};
    if (issue.code === 'too_small') values.minimum = Number(issue.minimum);
    if (issue.code === 'too_big') values.maximum = Number(issue.maximum);
    return [{ field: String(issue.path[0] ?? ''), text: em(issue.message, values) }];
  });
  const [first] = texts;
  if (!first) return error;
  const fieldErrors: Record<string, ErrorText[]> = {};
  for (const { field, text } of texts) (fieldErrors[field] ??= []).push(text);
  return new AppError('BAD_REQUEST', first.text, fieldErrors);
}

/** For scripts (`npm run user:create`, the demo seed): an account with a password, no invite. */
export async function createUserWithPassword(
  db: Db,
  actor: Actor | null,
  input: {
    email: string;
    name: string;
    role: 'patient' | 'clinician' | 'admin';
    password: string;
    timeZone?: string;
    /** Required for a clinician; none for anyone else. */
    profession?: Profession | null;
    mayPrescribe?: boolean;
  },
  tx?: DbOrTx,
) {
  const issues = staffRightsIssues(input);
  const [firstIssue] = issues;
  if (firstIssue) throw new AppError('BAD_REQUEST', firstIssue.message, Object.fromEntries(issues.map((i) => [i.path, [i.message]])));
  const rights = { profession: input.profession ?? null, mayPrescribe: input.mayPrescribe ?? false };
  const result = z.strictObject({ email: emailSchema, name: personNameSchema, password: passwordSchema, timeZone: timeZoneSchema }).safeParse({
    email: input.email,
    name: input.name,
    password: input.password,
    timeZone: input.timeZone ?? 'UTC',
  });
  if (!result.success) throw scriptInputError(result.error);
  const parsed = result.data;
  const passwordHash = await hashPassword(parsed.password);
  const run = async (t: DbOrTx) => {
    const [user] = await t.insert(users).values({ email: parsed.email, name: parsed.name, role: input.role, timeZone: parsed.timeZone, passwordHash, ...rights }).returning({ id: users.id });
    if (!user) throw new AppError('UNAVAILABLE', 'accounts.notSaved');
    await writeAudit(t, actor, { action: 'user.create', entityType: 'user', entityId: user.id, patientId: input.role === 'patient' ? user.id : null, after: { email: parsed.email, name: parsed.name, role: input.role, ...rights, via: 'script' } });
    return user.id;
  };
  try {
    return tx ? await run(tx) : await db.transaction(run);
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) throw emailTaken();
    throw error;
  }
}

export async function listStaff(db: DbOrTx) {
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      profession: users.profession,
      mayPrescribe: users.mayPrescribe,
      disabledAt: users.disabledAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      twoStep: sql<boolean>`exists (select 1 from ${userTotp} t where t.user_id = ${users.id} and t.confirmed_at is not null)`,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(inArray(users.role, ['clinician', 'admin']))
    .orderBy(asc(users.role), asc(users.name));
  return rows.map(({ hasPassword, ...r }) => ({ ...r, status: r.disabledAt ? ('disabled' as const) : hasPassword ? ('active' as const) : ('invited' as const) }));
}

/** Patients with a plan in progress past drafting: their team needs a prescriber who may edit the plan. */
export const plansNeedingPrescriber = ['proposed', 'agreed', 'active', 'paused'] as const;

/**
 * An administrator sets a clinician's profession and whether they may prescribe. Their discipline on
 * every care team follows in the same transaction (each change audited for that patient). Taking the
 * right away is never refused (someone leaving must lose it at once), but the answer counts the
 * patients whose plan in progress is left without a prescriber, so the administrator can tell the teams.
 */
export async function updateClinician(db: Db, actor: Actor, input: z.output<typeof updateClinicianInput>) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ role: users.role, profession: users.profession, mayPrescribe: users.mayPrescribe })
      .from(users)
      .where(eq(users.id, input.userId))
      .for('update');
    if (!before) throw new AppError('NOT_FOUND', 'accounts.thisAccountNotFound');
    if (before.role !== 'clinician') {
      throw new AppError('BAD_REQUEST', 'accounts.notClinician', { profession: ['accounts.notClinician'] });
    }
    const after = { profession: input.profession, mayPrescribe: input.mayPrescribe };
    await tx.update(users).set({ ...after, updatedAt: new Date() }).where(eq(users.id, input.userId));
    await writeAudit(tx, actor, {
      action: 'user.update_profession',
      entityType: 'user',
      entityId: input.userId,
      before: { profession: before.profession, mayPrescribe: before.mayPrescribe },
      after,
    });
    const discipline = disciplineFor(after);
    const moved = await tx
      .select({ patientId: careTeamMembers.patientId, discipline: careTeamMembers.discipline })
      .from(careTeamMembers)
      .where(and(eq(careTeamMembers.clinicianId, input.userId), ne(careTeamMembers.discipline, discipline)))
      .for('update');
    if (moved.length) {
      await tx
        .update(careTeamMembers)
        .set({ discipline })
        .where(and(eq(careTeamMembers.clinicianId, input.userId), ne(careTeamMembers.discipline, discipline)));
      for (const m of moved) {
        await writeAudit(tx, actor, {
          action: 'care_team.update',
          entityType: 'care_team_member',
          entityId: input.userId,
          patientId: m.patientId,
          before: { discipline: m.discipline },
          after: { discipline, via: 'account' },
        });
      }
    }
    const [left] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(taperPlans)
      .where(
        and(
          inArray(taperPlans.status, [...plansNeedingPrescriber]),
          sql`exists (select 1 from ${careTeamMembers} m where m.patient_id = ${taperPlans.patientId} and m.clinician_id = ${input.userId})`,
          sql`not exists (select 1 from ${careTeamMembers} m join ${users} u on u.id = m.clinician_id where m.patient_id = ${taperPlans.patientId} and m.may_edit_plan and u.may_prescribe)`,
        ),
      );
    return { ok: true as const, disciplinesChanged: moved.length, plansWithoutPrescriber: left?.n ?? 0 };
  });
}

/** Why an administrator is refused a patient's account (a key: tests compare its English rendering). */
export const PATIENT_ACCOUNTS_BY_TEAM = 'accounts.patientAccountsByTeam' satisfies ErrorKey;

/**
 * Disables or re-enables an account inside the caller's transaction. Either way the person's sessions end
 * at once (the session version moves on), so a change of standing never leaves an old session behind.
 */
export async function applyAccountDisabled(tx: DbOrTx, userId: string, disabled: boolean, now: Date): Promise<void> {
  await tx
    .update(users)
    .set({ disabledAt: disabled ? now : null, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
    .where(eq(users.id, userId));
}

/**
 * An administrator disables or re-enables a staff account. Administrators manage staff only: a patient's
 * account is their care team's to manage (a prescriber on the team), so it is refused here.
 */
export async function setUserDisabled(db: Db, actor: Actor, input: z.output<typeof setUserDisabledInput>) {
  if (input.userId === actor.id) throw new AppError('BAD_REQUEST', 'accounts.cannotDisableSelf');
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ disabledAt: users.disabledAt, role: users.role }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!before) throw new AppError('NOT_FOUND', 'accounts.thisAccountNotFound');
    if (before.role === 'patient') throw new AppError('FORBIDDEN', PATIENT_ACCOUNTS_BY_TEAM);
    const now = new Date();
    await applyAccountDisabled(tx, input.userId, input.disabled, now);
    await writeAudit(tx, actor, {
      action: input.disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: input.userId,
      before: { disabledAt: before.disabledAt?.toISOString() ?? null },
      after: { disabledAt: input.disabled ? now.toISOString() : null },
    });
    return { ok: true as const };
  });
}

export async function reissueStaffInvite(db: Db, actor: Actor, userId: string) {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, name: users.name, role: users.role })
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.passwordHash), inArray(users.role, ['clinician', 'admin'])))
      .for('update');
    if (!user) throw new AppError('BAD_REQUEST', 'accounts.inviteOnlyWithoutPassword');
    const invite = await issueInvite(tx, actor, { userId: user.id, email: user.email, role: user.role, patientId: null });
    return { ...invite, email: user.email, name: user.name };
  });
}

export async function getAccount(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, timeZone: users.timeZone, locale: users.locale, profession: users.profession, mayPrescribe: users.mayPrescribe })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw new AppError('NOT_FOUND', 'accounts.accountNotFound');
  return row;
}

/** A new staff account and its invite link, emailed too when possible (after the account's transaction committed). */
export async function inviteStaff(db: Db, actor: Actor, input: z.output<typeof createStaffInput>, origin: string) {
  const created = await createStaffAccount(db, actor, input);
  return { userId: created.userId, ...(await deliverInvite(origin, { ...created, email: input.email, name: input.name })) };
}

/** A fresh invite link for a staff account that has not signed in yet (the old link stops working). */
export async function reissueStaffInviteLink(db: Db, actor: Actor, userId: string, origin: string) {
  return deliverInvite(origin, await reissueStaffInvite(db, actor, userId));
}
