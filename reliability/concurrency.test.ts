// Concurrency through the HTTP handler: 20 parallel saves of one plan version make exactly one new
// version (the rest CONFLICT), and 20 parallel resends of one check-in make exactly one row.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { checkIns, checkInSubmissions } from '~/db/schema';
import { localDate } from '~/lib/dates';
import {
  auditAbout, checkInInput, httpCall, makePatient, makePlan, makeUser, openIsolatedTestDb, planRow, planVersions, validTaperInput,
} from '~/server/test/db';
import { recordFigures } from './figures';

const PARALLEL = 20;
let h: DbHandle;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  h = await openIsolatedTestDb();
});
afterAll(async () => {
  recordFigures(`concurrency-${h.kind}`, { database: h.kind, parallel: PARALLEL, ...figures });
  await h.close();
});

describe(`${PARALLEL} parallel requests`, () => {
  it.each(['plans.update', 'plans.extend', 'plans.editStep'] as const)('%s: saves of one plan version make exactly one new version; the rest are told CONFLICT', async (path) => {
    const doc = await makeUser(h.db, 'clinician');
    const { user: patient, patientId } = await makePatient(h.db, doc);
    const plan = await makePlan(h.db, doc, patient, path === 'plans.update' ? 'draft' : 'active');
    const versionsBefore = (await planVersions(h.db, plan.planId)).length;
    const auditBefore = (await auditAbout(h.db, patientId)).length;
    const ref = { patientId, planId: plan.planId, expectedVersion: plan.version };
    const inputOf = (i: number) =>
      path === 'plans.update'
        ? { ...ref, input: validTaperInput({ stepDays: 7 + i }), reason: `Save ${i}` }
        : path === 'plans.extend'
          ? { ...ref, days: 1 + i, reason: `Save ${i}` }
          : { ...ref, index: 1, days: 15 + i, reason: `Save ${i}` };
    const started = performance.now();
    const responses = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => httpCall(h.db, doc, path, inputOf(i))));
    const ms = Math.round(performance.now() - started);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(PARALLEL - 1).fill(409)]);
    for (const r of responses.filter((x) => x.status === 409)) {
      expect(r.error?.data.code).toBe('CONFLICT');
      expect(r.error?.message).toContain(`Someone else changed this plan since you opened it (version ${plan.version + 1}, `);
    }
    const versions = await planVersions(h.db, plan.planId);
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: versionsBefore + 1 }, (_, i) => i + 1));
    expect(await planRow(h.db, plan.planId)).toMatchObject({ version: plan.version + 1 });
    expect(await auditAbout(h.db, patientId)).toHaveLength(auditBefore + 1);
    // The winner's save is the one stored, whole.
    const winner = responses.findIndex((r) => r.status === 200);
    expect(versions.at(-1)?.reason).toBe(`Save ${winner}`);
    figures[path] = { ok: 1, conflict: PARALLEL - 1, newVersions: 1, ms };
  });

  it('checkins.submit: resends of one check-in (one idempotency key) make exactly one row, and every answer names it', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const { user: patient, patientId } = await makePatient(h.db, doc);
    await makePlan(h.db, doc, patient, 'active');
    const input = checkInInput(patientId, localDate('Europe/London', new Date()), { redFlags: ['high-fever'], notes: 'Sent from a train' });
    const auditBefore = (await auditAbout(h.db, patientId)).length;
    const started = performance.now();
    const responses = await Promise.all(Array.from({ length: PARALLEL }, () => httpCall(h.db, patient, 'checkins.submit', input)));
    const ms = Math.round(performance.now() - started);
    expect(responses.map((r) => r.status)).toEqual(Array<number>(PARALLEL).fill(200));
    const rows = await h.db.select().from(checkIns).where(eq(checkIns.patientId, patientId));
    expect(rows).toHaveLength(1);
    const results = responses.map((r) => r.data as { checkInId: string; replayed: boolean; revision: number });
    expect(new Set(results.map((r) => r.checkInId))).toEqual(new Set([rows[0]?.id]));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(results.every((r) => r.revision === 1)).toBe(true);
    const submissions = await h.db.select().from(checkInSubmissions).where(eq(checkInSubmissions.patientId, patientId));
    expect(submissions).toHaveLength(1);
    // One check-in, one alert for the red flag: each with its one audit event.
    expect((await auditAbout(h.db, patientId)).slice(auditBefore).map((e) => e.action).sort()).toEqual(['alert.raise', 'checkin.create']);
    figures['checkins.submit'] = { ok: PARALLEL, replayed: PARALLEL - 1, rows: 1, ms };
  });
});
