// Invitations: issuing a single-use link for a new account, reading it, and accepting it with a password.
import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '~/db';
import { invites, users } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { hashPassword } from '~/server/auth/password';
import type { ErrorKey } from '~/i18n/error-keys';
import { AppError, requireRow } from '~/server/errors';
import { hashInviteToken, INVITE_LIFETIME_MS, newInviteToken } from './tokens';

/** Creates an invite for an existing, password-less account. Runs inside the caller's transaction. */
export async function issueInvite(
  tx: DbOrTx,
  actor: Actor,
  account: { userId: string; email: string; role: 'patient' | 'clinician' | 'admin'; patientId: string | null },
  now: Date = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  // An older link stops working the moment a new one is issued.
  await tx
    .update(invites)
    .set({ revokedAt: now })
    .where(and(eq(invites.userId, account.userId), isNull(invites.acceptedAt), isNull(invites.revokedAt)));
  const { token, tokenHash } = newInviteToken();
  const expiresAt = new Date(now.getTime() + INVITE_LIFETIME_MS);
  const [inserted] = await tx
    .insert(invites)
    .values({ tokenHash, email: account.email, role: account.role, userId: account.userId, patientId: account.patientId, createdBy: actor.id, expiresAt })
    .returning({ id: invites.id });
  const row = requireRow(inserted);
  await writeAudit(tx, actor, {
    action: 'invite.issue',
    entityType: 'invite',
    entityId: row.id,
    patientId: account.patientId,
    after: { role: account.role, expiresAt: expiresAt.toISOString() },
  });
  return { token, expiresAt };
}

export type InviteState =
  | { status: 'valid'; email: string; name: string; role: 'patient' | 'clinician' | 'admin'; expiresAt: Date }
  | { status: 'expired' | 'used' | 'invalid' };

export async function inspectInvite(db: DbOrTx, token: string, now: Date = new Date()): Promise<InviteState> {
  const [row] = await db
    .select({ invite: invites, name: users.name, disabledAt: users.disabledAt })
    .from(invites)
    .innerJoin(users, eq(users.id, invites.userId))
    .where(eq(invites.tokenHash, hashInviteToken(token)))
    .limit(1);
  if (!row || row.invite.revokedAt || row.disabledAt) return { status: 'invalid' };
  if (row.invite.acceptedAt) return { status: 'used' };
  if (row.invite.expiresAt <= now) return { status: 'expired' };
  return { status: 'valid', email: row.invite.email, name: row.name, role: row.invite.role, expiresAt: row.invite.expiresAt };
}

const invalidMessages = {
  expired: 'invites.expired',
  used: 'invites.used',
  invalid: 'invites.invalid',
} as const satisfies Record<string, ErrorKey>;

/**
 * Accepts an invite: sets the password once. Single use holds under concurrent clicks. The token is
 * checked before the password is hashed, so a flood of made-up tokens costs one indexed read each, not a
 * hash each; the claim below checks it again, in the transaction, for the clicks that pass together.
 */
export async function acceptInvite(
  db: Db,
  input: { token: string; password: string },
  meta: { requestId?: string } = {},
  now: Date = new Date(),
): Promise<{ email: string }> {
  const before = await inspectInvite(db, input.token, now);
  if (before.status !== 'valid') throw new AppError('BAD_REQUEST', invalidMessages[before.status]);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(invites)
      .set({ acceptedAt: now })
      .where(
        and(
          eq(invites.tokenHash, hashInviteToken(input.token)),
          isNull(invites.acceptedAt),
          isNull(invites.revokedAt),
          gt(invites.expiresAt, now),
        ),
      )
      .returning();
    if (!claimed) {
      const state = await inspectInvite(tx, input.token, now);
      throw new AppError('BAD_REQUEST', invalidMessages[state.status === 'valid' ? 'invalid' : state.status]);
    }
    const [user] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: now, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, claimed.userId), isNull(users.disabledAt)))
      .returning({ id: users.id, email: users.email });
    if (!user) throw new AppError('BAD_REQUEST', invalidMessages.invalid);
    await writeAudit(tx, { id: user.id, requestId: meta.requestId }, {
      action: 'invite.accept',
      entityType: 'invite',
      entityId: claimed.id,
      patientId: claimed.patientId,
      after: { acceptedAt: now.toISOString() },
    });
    return { email: user.email };
  });
}
