// Statements run together fail as run one after another would: the error is the one that aborted the
// transaction, nothing of it is kept, and the answers come back in argument order.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { auditEvents, users } from '~/db/schema';
import { makeUser, openTestDb } from '~/server/test/db';
import { together } from './together';

describe('together', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('answers in argument order', async () => {
    const user = await makeUser(handle.db, 'patient');
    const [byId, byEmail] = await handle.db.transaction((tx) =>
      together(tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)), tx.select({ email: users.email }).from(users).where(eq(users.email, user.email))),
    );
    expect(byId).toEqual([{ id: user.id }]);
    expect(byEmail).toEqual([{ email: user.email }]);
  });

  it('throws the failure, not the aborted transaction it caused, and keeps nothing', async () => {
    const user = await makeUser(handle.db, 'patient');
    const action = `together-test-${user.id}`;
    const failed = handle.db.transaction((tx) =>
      together(
        tx.insert(auditEvents).values({ actorId: user.id, action, entityType: 'user' }),
        // A second user with the same email: a unique violation.
        tx.insert(users).values({ email: user.email, name: 'Twin', role: 'patient', passwordHash: 'x' }),
        tx.insert(auditEvents).values({ actorId: user.id, action, entityType: 'user' }),
      ),
    );
    await expect(failed).rejects.toMatchObject({ cause: expect.objectContaining({ code: '23505' }) as unknown });
    expect(await handle.db.select().from(auditEvents).where(eq(auditEvents.action, action))).toEqual([]);
  });

  it('throws the failure even when it reached the database before statements passed ahead of it', async () => {
    const user = await makeUser(handle.db, 'patient');
    const action = `together-order-${user.id}`;
    const failed = handle.db.transaction((tx) =>
      together(
        // A lazy query goes out when together awaits it; the async function's query went out when it was called.
        tx.insert(auditEvents).values({ actorId: user.id, action, entityType: 'user' }),
        (async () => {
          await tx.insert(users).values({ email: user.email, name: 'Twin', role: 'patient', passwordHash: 'x' });
        })(),
      ),
    );
    await expect(failed).rejects.toMatchObject({ cause: expect.objectContaining({ code: '23505' }) as unknown });
    expect(await handle.db.select().from(auditEvents).where(eq(auditEvents.action, action))).toEqual([]);
  });
});
