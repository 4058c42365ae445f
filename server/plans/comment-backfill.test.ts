// The data migration that gave the comments written before visibility existed their readers: shared, except
// the care team's comments about a draft version (the leak). Run against rows as the column's default left them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { taperPlanComments } from '~/db/schema';
import { callerFor, makeNamedPatient, makePlan, makeUser, openIsolatedTestDb, uniqueName } from '~/server/test/db';

let h: DbHandle;
beforeAll(async () => {
  // A database of its own: the migration updates the whole table.
  h = await openIsolatedTestDb();
});
afterAll(async () => {
  await h.close();
});

const migration = readFileSync(path.resolve(import.meta.dirname, '../../db/migrations/0011_plan_comment_visibility_data.sql'), 'utf8');

describe('migration 0011: visibility of the comments written before it existed', () => {
  it('keeps the patient’s comments and the team’s on versions the patient saw shared, and makes the team’s draft talk team-only', async () => {
    const doc = await makeUser(h.db, 'clinician', uniqueName('Dr Backfill'));
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Backfilled') });
    const plan = await makePlan(h.db, doc, p.user, 'draft');
    const about = { patientId: p.patientId, planId: plan.planId };
    await callerFor(h.db, doc).plans.comment({ ...about, version: 1, body: 'draft talk' });
    const proposed = await callerFor(h.db, doc).plans.propose({ ...about, expectedVersion: 1, reason: 'Please review' });
    await callerFor(h.db, doc).plans.comment({ ...about, version: proposed.version, body: 'about the proposal' });
    await callerFor(h.db, p.user).plans.comment({ ...about, version: proposed.version, body: 'from the patient' });
    // A patient naming the draft's version number (they never saw it) still wrote to their team: shared.
    await callerFor(h.db, p.user).plans.comment({ ...about, version: 1, body: 'patient, old version number' });
    // As the new column's default left every row before the migration ran.
    await h.db.update(taperPlanComments).set({ visibility: 'team' });

    await h.db.execute(sql.raw(migration));

    const rows = await h.db.select({ body: taperPlanComments.body, visibility: taperPlanComments.visibility }).from(taperPlanComments).where(eq(taperPlanComments.patientId, p.patientId));
    expect(Object.fromEntries(rows.map((r) => [r.body, r.visibility]))).toEqual({
      'draft talk': 'team', 'about the proposal': 'shared', 'from the patient': 'shared', 'patient, old version number': 'shared',
    });
  });
});
