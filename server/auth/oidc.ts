// Single sign-on admits only people who already have an enabled account, matched by an email the identity
// provider says it verified; it records whether the provider vouched for a second factor.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '~/db';
import { users } from '~/db/schema';
import { writeAudit } from '~/server/audit';
import { oidcSecondFactor, type OidcMfaClaims } from '~/lib/auth/oidc-second-factor';
import { startSession, type SecondFactor } from './session';
import { normaliseEmail } from './sign-in';

/** The ID token's claims that single sign-on reads (Auth.js hands them over as `profile`). */
export interface OidcClaims {
  email?: unknown;
  email_verified?: unknown;
  amr?: unknown;
  acr?: unknown;
  [claim: string]: unknown;
}

/**
 * Why single sign-on refused someone: the provider gave no email it verified ('unverified', decided before
 * any account is looked up, so it says nothing about which addresses have accounts), no account has the
 * email ('unknown'), or the account is disabled ('disabled').
 */
export type OidcRefusal = 'unverified' | 'unknown' | 'disabled';

type User = typeof users.$inferSelect;

export async function findOidcAccount(
  db: DbOrTx,
  claims: OidcClaims | null | undefined,
): Promise<{ ok: true; user: User } | { ok: false; reason: OidcRefusal; user?: User }> {
  // Only an explicit `email_verified: true` will do: a provider that leaves it out has not said so.
  if (typeof claims?.email !== 'string' || !claims.email || claims.email_verified !== true) return { ok: false, reason: 'unverified' };
  const [user] = await db.select().from(users).where(eq(users.email, normaliseEmail(claims.email))).limit(1);
  if (!user) return { ok: false, reason: 'unknown' };
  if (user.disabledAt) return { ok: false, reason: 'disabled', user };
  return { ok: true, user };
}

/**
 * The first check of a single sign-on (Auth.js's signIn callback): null when the claims name an account
 * that may sign in, else the reason it may not, with the refusal audited.
 */
export async function refuseOidcSignIn(db: Db, claims: OidcClaims | null | undefined, ip: string): Promise<OidcRefusal | null> {
  const found = await findOidcAccount(db, claims);
  if (found.ok) return null;
  await db.transaction(async (tx) => {
    await writeAudit(tx, null, {
      action: 'auth.sign_in_failed',
      entityType: 'user',
      entityId: found.user?.id ?? null,
      patientId: found.user?.role === 'patient' ? found.user.id : null,
      after: { method: 'oidc', reason: found.reason, ip },
    });
  });
  return found.reason;
}

/**
 * Starts the session of an admitted single sign-on (Auth.js's jwt callback), with the second factor the
 * provider vouched for when the operator counts it (`accepted`), and audits the sign-in in the same
 * transaction. Null when the account can no longer sign in (disabled since the first check).
 */
export async function startOidcSession(
  db: Db,
  claims: OidcClaims | null | undefined,
  accepted: OidcMfaClaims,
  ip: string,
  now: Date = new Date(),
): Promise<{ user: User; sessionId: string; secondFactor: SecondFactor | null } | null> {
  const found = await findOidcAccount(db, claims);
  if (!found.ok) return null;
  const { user } = found;
  const secondFactor: SecondFactor | null = oidcSecondFactor(claims, accepted) ? 'oidc-mfa' : null;
  const sessionId = await db.transaction(async (tx) => {
    const sid = await startSession(tx, user.id, 'oidc', now, secondFactor);
    await writeAudit(tx, { id: user.id }, {
      action: 'auth.sign_in',
      entityType: 'user',
      entityId: user.id,
      patientId: user.role === 'patient' ? user.id : null,
      after: { method: 'oidc', ip, session: sid, ...(secondFactor ? { secondFactor } : {}) },
    });
    return sid;
  });
  return { user, sessionId, secondFactor };
}
