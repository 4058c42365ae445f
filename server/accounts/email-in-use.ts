// Refusing a new account for an address already in use, without telling whose account it is.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '~/db';
import { users } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { renderError, type ErrorKey } from '~/i18n/errors';
import { AppError } from '~/server/errors';

/**
 * The same answer whoever holds the address (a patient, a clinician, an administrator; active, invited or
 * disabled): "already exists as ..." would tell a clinician or an administrator that this person is a
 * patient somewhere.
 */
export const EMAIL_IN_USE_KEYS = {
  patient: 'accounts.emailInUsePatient',
  staff: 'accounts.emailInUseStaff',
} as const satisfies Record<string, ErrorKey>;

/** The same answers in English, as logs and tests read them. */
export const EMAIL_IN_USE = {
  patient: renderError(EMAIL_IN_USE_KEYS.patient, 'en'),
  staff: renderError(EMAIL_IN_USE_KEYS.staff, 'en'),
} as const;

/**
 * Audits the refused attempt and throws the neutral answer. The audit names the actor (with the request),
 * what they tried and the account the address belongs to, so probing can be traced; no email, name or
 * role is copied into it. Its own transaction: the one that tried to create the account was rolled back.
 */
export async function refuseEmailInUse(db: Db, actor: Actor, attempt: { action: string; email: string; answer: keyof typeof EMAIL_IN_USE_KEYS }): Promise<never> {
  await db.transaction(async (tx) => {
    const [holder] = await tx.select({ id: users.id }).from(users).where(eq(users.email, attempt.email)).limit(1);
    await writeAudit(tx, actor, { action: attempt.action, entityType: 'user', entityId: holder?.id ?? null, after: { refused: 'email-in-use' } });
  });
  const message = EMAIL_IN_USE_KEYS[attempt.answer];
  throw new AppError('CONFLICT', message, { email: [message] });
}
