import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { setUserDisabled } from '~/server/accounts/service';
import { makeUser, openTestDb, uniqueEmail } from '~/server/test/db';
import { findOidcAccount } from './oidc';

let h: DbHandle;
beforeAll(async () => { h = await openTestDb(); });
afterAll(async () => { await h.close(); });

describe('findOidcAccount', () => {
  it('admits an existing account by email in any case, unless the provider says the email is unverified', async () => {
    const user = await makeUser(h.db, 'clinician');
    expect((await findOidcAccount(h.db, user.email.toUpperCase(), true))?.id).toBe(user.id);
    expect((await findOidcAccount(h.db, user.email, undefined))?.id).toBe(user.id);
    expect(await findOidcAccount(h.db, user.email, false)).toBeUndefined();
  });

  it('refuses unknown emails, missing emails and disabled accounts', async () => {
    expect(await findOidcAccount(h.db, uniqueEmail('stranger'), true)).toBeUndefined();
    expect(await findOidcAccount(h.db, undefined, true)).toBeUndefined();
    const admin = await makeUser(h.db, 'admin');
    const user = await makeUser(h.db, 'clinician');
    await setUserDisabled(h.db, { id: admin.id, role: 'admin' }, { userId: user.id, disabled: true });
    expect(await findOidcAccount(h.db, user.email, true)).toBeUndefined();
  });
});
