// Two-step sign-in for a person's own account: enrolling an authenticator app (RFC 6238 TOTP), its recovery
// codes, removing it, the second step of a session that owes one, and an administrator's reset of a lost factor.
import 'server-only';
import { and, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '~/db';
import { recoveryCodes, userSessions, userTotp, users } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { readableSecret } from '~/server/auth/second-factor-store';
import { passSecondStep, signInWithPassword } from '~/server/auth/sign-in';
import type { SessionUser } from '~/server/auth/session';
import { encryptSecret, enrolmentPicture, hashRecoveryCode, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, verifyTotp } from '~/server/auth/totp';
import { AppError } from '~/server/errors';
import { staffTwoStepRequired } from '~/server/env';
import type { twoStepReauthInput } from '~/lib/accounts/two-step-inputs';

/** How long a secret shown for enrolment can be confirmed. */
export const ENROLMENT_WINDOW_MS = 15 * 60 * 1000;

export function twoStepRequiredFor(role: SessionUser['role'], required = staffTwoStepRequired): boolean {
  return required && role !== 'patient';
}

export async function twoStepStatus(db: Db, user: SessionUser) {
  const [totp] = await db.select({ confirmedAt: userTotp.confirmedAt }).from(userTotp).where(eq(userTotp.userId, user.id)).limit(1);
  const [codes] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
  return {
    enrolledAt: totp?.confirmedAt ?? null,
    recoveryCodesLeft: Number(codes?.n ?? 0),
    required: twoStepRequiredFor(user.role),
    pending: user.pendingSecondFactor ?? null,
  };
}

const wrongPassword = () => new AppError('BAD_REQUEST', 'auth.passwordWrong', { password: ['auth.passwordWrong'] });

/**
 * Re-authentication before a change of factors: the password and, when the account has an authenticator,
 * a code from it (or a recovery code), under the sign-in limits.
 */
async function reauthenticate(db: Db, user: SessionUser, input: z.output<typeof twoStepReauthInput>, ip: string, now: Date) {
  const result = await signInWithPassword(db, { email: user.email, password: input.password, code: input.code, ip }, now, 'reauth');
  if (result.ok) return;
  if (result.reason === 'throttled') throw new AppError('TOO_MANY_REQUESTS', 'auth.throttled');
  if (result.reason === 'busy') throw new AppError('UNAVAILABLE', 'auth.busy');
  if (result.reason === 'code-needed') {
    throw new AppError('BAD_REQUEST', 'auth.twoStep.codeNeeded', { code: ['auth.twoStep.codeNeeded'] });
  }
  if (result.reason === 'invalid-code') {
    throw new AppError('BAD_REQUEST', 'auth.twoStep.codeWrong', { code: ['auth.twoStep.codeWrong'] });
  }
  throw wrongPassword();
}

/**
 * Starts enrolling an authenticator: a new secret, kept encrypted and pending, shown as a QR code and as
 * text. Replaces an enrolment under way; an authenticator already confirmed keeps working until the new
 * one is confirmed.
 */
export async function beginTwoStep(db: Db, user: SessionUser, actor: Actor, input: z.output<typeof twoStepReauthInput>, ip: string, now: Date = new Date()) {
  await reauthenticate(db, user, input, ip, now);
  const secret = newTotpSecret();
  const picture = await enrolmentPicture(secret, user.email);
  const pendingSecretEncrypted = encryptSecret(secret);
  await db.transaction(async (tx) => {
    await tx
      .insert(userTotp)
      .values({ userId: user.id, pendingSecretEncrypted, pendingSince: now })
      .onConflictDoUpdate({ target: userTotp.userId, set: { pendingSecretEncrypted, pendingSince: now } });
    await writeAudit(tx, actor, { action: 'account.two_step_begin', entityType: 'user', entityId: user.id, patientId: patientOf(user) });
  });
  return { secret, uri: picture.uri, qrSvg: picture.qrSvg };
}

const patientOf = (user: Pick<SessionUser, 'id' | 'role'>) => (user.role === 'patient' ? user.id : null);

/** Stores ten new recovery codes in place of the old ones; the codes themselves are returned once, never stored. */
async function replaceRecoveryCodes(tx: Parameters<Parameters<Db['transaction']>[0]>[0], userId: string, now: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(normaliseRecoveryCode(code) ?? code), createdAt: now })));
  return codes;
}

/**
 * Confirms the pending authenticator with a code from it: it becomes the account's factor (replacing any
 * earlier one), ten new recovery codes are made, and this session counts as having passed its second step.
 */
export async function confirmTwoStep(db: Db, user: SessionUser, sessionId: string, actor: Actor, code: string, now: Date = new Date()) {
  const [row] = await db
    .select({ pending: userTotp.pendingSecretEncrypted, since: userTotp.pendingSince, replacing: userTotp.confirmedAt })
    .from(userTotp)
    .where(eq(userTotp.userId, user.id))
    .limit(1);
  const pending = row?.pending;
  if (!pending || !row.since || now.getTime() - row.since.getTime() > ENROLMENT_WINDOW_MS) {
    throw new AppError('BAD_REQUEST', 'auth.twoStep.setupExpired');
  }
  const secret = readableSecret(pending);
  if (secret === null) throw new AppError('BAD_REQUEST', 'auth.twoStep.setupExpired');
  const step = await verifyTotp(secret, code, null, now);
  if (step === null) {
    throw new AppError('BAD_REQUEST', 'auth.twoStep.setupCodeMismatch', { code: ['auth.twoStep.setupCodeMismatch'] });
  }
  return db.transaction(async (tx) => {
    // Only the pending secret that was checked, should a second set-up have replaced it meanwhile.
    const [done] = await tx
      .update(userTotp)
      .set({ secretEncrypted: pending, confirmedAt: now, lastStep: step, pendingSecretEncrypted: null, pendingSince: null })
      .where(and(eq(userTotp.userId, user.id), eq(userTotp.pendingSecretEncrypted, pending)))
      .returning({ userId: userTotp.userId });
    if (!done) throw new AppError('CONFLICT', 'auth.twoStep.setupReplaced');
    const codes = await replaceRecoveryCodes(tx, user.id, now);
    await tx.update(userSessions).set({ secondFactor: 'totp' }).where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, user.id)));
    await writeAudit(tx, actor, {
      action: row.replacing ? 'account.two_step_replace' : 'account.two_step_enrol',
      entityType: 'user',
      entityId: user.id,
      patientId: patientOf(user),
    });
    return { recoveryCodes: codes };
  });
}

/** Ten new recovery codes; the old ones stop working. Needs the password and a code. */
export async function renewRecoveryCodes(db: Db, user: SessionUser, actor: Actor, input: z.output<typeof twoStepReauthInput>, ip: string, now: Date = new Date()) {
  const [totp] = await db.select({ confirmedAt: userTotp.confirmedAt }).from(userTotp).where(eq(userTotp.userId, user.id)).limit(1);
  if (!totp?.confirmedAt) throw new AppError('BAD_REQUEST', 'auth.twoStep.recoveryNeedsApp');
  await reauthenticate(db, user, input, ip, now);
  return db.transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, user.id, now);
    await writeAudit(tx, actor, { action: 'account.recovery_codes_renew', entityType: 'user', entityId: user.id, patientId: patientOf(user) });
    return { recoveryCodes: codes };
  });
}

/** Turns two-step sign-in off: only where it is not required of the account. Needs the password and a code. */
export async function removeTwoStep(db: Db, user: SessionUser, actor: Actor, input: z.output<typeof twoStepReauthInput>, ip: string, now: Date = new Date()) {
  if (twoStepRequiredFor(user.role)) {
    throw new AppError('BAD_REQUEST', 'auth.twoStep.requiredForStaff');
  }
  const [totp] = await db.select({ confirmedAt: userTotp.confirmedAt }).from(userTotp).where(eq(userTotp.userId, user.id)).limit(1);
  if (!totp?.confirmedAt) throw new AppError('BAD_REQUEST', 'auth.twoStep.notOn');
  await reauthenticate(db, user, input, ip, now);
  return db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await tx.delete(userTotp).where(eq(userTotp.userId, user.id));
    await writeAudit(tx, actor, { action: 'account.two_step_remove', entityType: 'user', entityId: user.id, patientId: patientOf(user) });
    return { ok: true as const };
  });
}

/** The second step of a session that owes one (see SessionUser.pendingSecondFactor): a code, under the sign-in limits. */
export async function passTwoStep(db: Db, user: SessionUser, sessionId: string, code: string, ip: string, now: Date = new Date()) {
  if (user.pendingSecondFactor !== 'verify') throw new AppError('BAD_REQUEST', 'auth.twoStep.noSecondStep');
  const result = await passSecondStep(db, { user, sessionId, code, ip }, now);
  if (result.ok) return { ok: true as const };
  if (result.reason === 'throttled') throw new AppError('TOO_MANY_REQUESTS', 'auth.throttled');
  throw new AppError('BAD_REQUEST', 'auth.twoStep.codeWrong', { code: ['auth.twoStep.codeWrong'] });
}

/**
 * An administrator removes a person's lost authenticator and recovery codes; every session of theirs ends.
 * They sign in with their password next, and (where it is required) set up a new authenticator at once.
 */
export async function adminResetTwoStep(db: Db, actor: Actor, userId: string) {
  if (userId === actor.id) throw new AppError('BAD_REQUEST', 'auth.twoStep.resetOwn');
  return db.transaction(async (tx) => {
    const [target] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, userId)).limit(1);
    if (!target) throw new AppError('NOT_FOUND', 'accounts.accountNotFound');
    const removed = await tx.delete(userTotp).where(and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt))).returning({ userId: userTotp.userId });
    if (removed.length === 0) throw new AppError('BAD_REQUEST', 'auth.twoStep.nothingToReset');
    await tx.delete(userTotp).where(eq(userTotp.userId, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() }).where(eq(users.id, userId));
    await writeAudit(tx, actor, { action: 'user.two_step_reset', entityType: 'user', entityId: userId, patientId: target.role === 'patient' ? userId : null });
    return { ok: true as const };
  });
}
