import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { callerFor, makePatient, makeUser, openTestDb } from '~/server/test/db';

let h: DbHandle;
beforeAll(async () => { h = await openTestDb(); });
afterAll(async () => { await h.close(); });

describe('smoke', () => {
  it('a clinician adds a patient and reads the record; another clinician cannot', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const other = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    const record = await callerFor(h.db, doc).patients.get({ patientId: p.patientId });
    expect(record.careTeam).toHaveLength(1);
    await expect(callerFor(h.db, other).patients.get({ patientId: p.patientId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
