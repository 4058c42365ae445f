// Single sign-on admits only people who already have an enabled account, matched by a verified email.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '~/db';
import { users } from '~/db/schema';
import { normaliseEmail } from './sign-in';

export async function findOidcAccount(db: DbOrTx, email: unknown, emailVerified: unknown) {
  // Some providers omit email_verified; an explicit false is refused.
  if (typeof email !== 'string' || emailVerified === false) return undefined;
  const [user] = await db.select().from(users).where(eq(users.email, normaliseEmail(email))).limit(1);
  return user && !user.disabledAt ? user : undefined;
}
