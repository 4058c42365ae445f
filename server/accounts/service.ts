// Accounts: a person's own password and sessions, and the administrator's clinician accounts.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '~/db';
import { users } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { hashPassword, passwordSchema, verifyPassword } from '~/server/auth/password';
import { AppError, isUniqueViolation } from '~/server/errors';
import { issueInvite } from '~/server/invites/service';
import { emailSchema, personNameSchema, timeZoneSchema, uuidSchema } from '~/server/shared/validation';

export const changePasswordInput = z.strictObject({
  currentPassword: z.string().min(1, 'Enter your current password.').max(256),
  newPassword: passwordSchema,
});

/** Changes the password and ends every other session (the caller signs in again with the new one). */
export async function changePassword(db: Db, actor: Actor, input: z.output<typeof changePasswordInput>) {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    const message = 'Your current password is not correct.';
    throw new AppError('BAD_REQUEST', message, { currentPassword: [message] });
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

/** Ends every session of this account at once, this one included. */
export async function signOutEverywhere(db: Db, actor: Actor) {
  return db.transaction(async (tx) => {
    await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() }).where(eq(users.id, actor.id));
    await writeAudit(tx, actor, { action: 'account.sign_out_everywhere', entityType: 'user', entityId: actor.id, patientId: actor.role === 'patient' ? actor.id : null });
    return { ok: true as const };
  });
}

export const createStaffInput = z.strictObject({
  name: personNameSchema,
  email: emailSchema,
  timeZone: timeZoneSchema,
  role: z.enum(['clinician', 'admin']).default('clinician'),
});

const emailTaken = () =>
  new AppError('CONFLICT', 'An account with this email already exists.', { email: ['An account with this email already exists.'] });

/** An administrator creates a clinician (or another administrator); they get an invite link. */
export async function createStaffAccount(db: Db, actor: Actor, input: z.output<typeof createStaffInput>) {
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ email: input.email, name: input.name, role: input.role, timeZone: input.timeZone }).returning({ id: users.id });
      if (!user) throw new AppError('UNAVAILABLE', 'The account could not be saved. Try again.');
      await writeAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: user.id, after: { email: input.email, name: input.name, role: input.role } });
      const invite = await issueInvite(tx, actor, { userId: user.id, email: input.email, role: input.role, patientId: null });
      return { userId: user.id, ...invite };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) throw emailTaken();
    throw error;
  }
}

/** For scripts (`npm run user:create`, the demo seed): an account with a password, no invite. */
export async function createUserWithPassword(
  db: Db,
  actor: Actor | null,
  input: { email: string; name: string; role: 'patient' | 'clinician' | 'admin'; password: string; timeZone?: string },
  tx?: DbOrTx,
) {
  const parsed = z.strictObject({ email: emailSchema, name: personNameSchema, password: passwordSchema, timeZone: timeZoneSchema }).parse({
    email: input.email,
    name: input.name,
    password: input.password,
    timeZone: input.timeZone ?? 'UTC',
  });
  const passwordHash = await hashPassword(parsed.password);
  const run = async (t: DbOrTx) => {
    const [user] = await t.insert(users).values({ email: parsed.email, name: parsed.name, role: input.role, timeZone: parsed.timeZone, passwordHash }).returning({ id: users.id });
    if (!user) throw new AppError('UNAVAILABLE', 'The account could not be saved.');
    await writeAudit(t, actor, { action: 'user.create', entityType: 'user', entityId: user.id, patientId: input.role === 'patient' ? user.id : null, after: { email: parsed.email, name: parsed.name, role: input.role, via: 'script' } });
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
      disabledAt: users.disabledAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(inArray(users.role, ['clinician', 'admin']))
    .orderBy(asc(users.role), asc(users.name));
  return rows.map(({ hasPassword, ...r }) => ({ ...r, status: r.disabledAt ? ('disabled' as const) : hasPassword ? ('active' as const) : ('invited' as const) }));
}

export const setUserDisabledInput = z.strictObject({ userId: uuidSchema, disabled: z.boolean() });

/** Disabling ends the person's sessions at once; enabling lets them sign in again. */
export async function setUserDisabled(db: Db, actor: Actor, input: z.output<typeof setUserDisabledInput>) {
  if (input.userId === actor.id) throw new AppError('BAD_REQUEST', 'You cannot disable your own account.');
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ disabledAt: users.disabledAt, role: users.role }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!before) throw new AppError('NOT_FOUND', 'This account was not found.');
    const now = new Date();
    await tx
      .update(users)
      .set({ disabledAt: input.disabled ? now : null, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
      .where(eq(users.id, input.userId));
    await writeAudit(tx, actor, {
      action: input.disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: input.userId,
      patientId: before.role === 'patient' ? input.userId : null,
      before: { disabledAt: before.disabledAt?.toISOString() ?? null },
      after: { disabledAt: input.disabled ? now.toISOString() : null },
    });
    return { ok: true as const };
  });
}

export const reissueStaffInviteInput = z.strictObject({ userId: uuidSchema });

export async function reissueStaffInvite(db: Db, actor: Actor, userId: string) {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, name: users.name, role: users.role })
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.passwordHash), inArray(users.role, ['clinician', 'admin'])))
      .for('update');
    if (!user) throw new AppError('BAD_REQUEST', 'Only staff who have not set a password yet can get a new invite link.');
    const invite = await issueInvite(tx, actor, { userId: user.id, email: user.email, role: user.role, patientId: null });
    return { ...invite, email: user.email, name: user.name };
  });
}

export async function getAccount(db: DbOrTx, userId: string) {
  const [row] = await db.select({ id: users.id, name: users.name, email: users.email, role: users.role, timeZone: users.timeZone }).from(users).where(eq(users.id, userId));
  if (!row) throw new AppError('NOT_FOUND', 'Account not found.');
  return row;
}
