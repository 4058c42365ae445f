// Cuts above the clinician's cap through the API, against a real database: a draft may carry them, but
// the plan is not proposed, started, resumed or adjusted until a prescriber accepts them with a reason;
// the acceptance is stored on the version, carried while it covers the same cuts, and refused nothing else.
import { describe, expect, it } from 'vitest';
import { createPlan, proposePlan, slowPlan } from '~/server/plans/service';
import type { TaperInput, Warning } from '~/lib/taper';
import { AppError } from '~/server/errors';
import { appFieldErrors, callerFor, makePatient, makePlan, makeUser, planRow, planVersions, rejection, uniqueName, validTaperInput } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

/** 30 mg/day on 10 mg scored tablets, cap 25%: 15 → 10 (33%) and 10 → 5 (50%) are above the cap. */
const COARSE: Partial<TaperInput> = { formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }], maxCutPercent: 25, stopAtMg: undefined };
const capOf = (warnings: Warning[]) => warnings.find((w) => w.code === 'cut-above-cap');

/** The service's own refusal, for calls made to a service directly rather than through the API. */
async function serviceRefusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

async function team() {
  const doc = await makeUser(h.db, 'clinician', uniqueName('Dr Cap'));
  const p = await makePatient(h.db, doc);
  return { doc, patient: p.user, patientId: p.patientId };
}

describe('cuts above the cap', () => {
  it('a draft may carry them, flagged and unaccepted; proposing without a reason is refused on its field and changes nothing', async () => {
    const { doc, patientId } = await team();
    const api = callerFor(h.db, doc).plans;
    const created = await api.create({ patientId, input: validTaperInput(COARSE), reason: '' });
    const [draft] = await planVersions(h.db, created.planId);
    expect(capOf(draft?.warnings ?? [])).toEqual({
      code: 'cut-above-cap',
      capPercent: 25,
      cuts: [
        { index: 3, fromMg: 15, toMg: 10, percent: 33.3 },
        { index: 4, fromMg: 10, toMg: 5, percent: 50 },
      ],
    });
    expect(draft?.steps[3]?.notes).toContain('above-cap');

    const refused = await rejection(api.propose({ patientId, planId: created.planId, expectedVersion: 1, reason: '' }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST' });
    expect(appFieldErrors(refused)).toHaveProperty('aboveCapReason');
    expect((await planRow(h.db, created.planId)).version).toBe(1);
    expect(await planVersions(h.db, created.planId)).toHaveLength(1);
  });

  it('a prescriber accepts them with a reason when proposing; the version records who, why and which cuts, and later versions keep it', async () => {
    const { doc, patient, patientId } = await team();
    const api = callerFor(h.db, doc).plans;
    const created = await api.create({ patientId, input: validTaperInput(COARSE), reason: '' });
    const proposed = await api.propose({ patientId, planId: created.planId, expectedVersion: 1, reason: '', aboveCapReason: 'Only 10 mg scored tablets; we review at 15 mg' });
    expect(proposed.status).toBe('proposed');
    const latest = (await planVersions(h.db, created.planId)).at(-1);
    expect(capOf(latest?.warnings ?? [])).toMatchObject({
      acceptance: { reason: 'Only 10 mg scored tablets; we review at 15 mg', byId: doc.id, byName: doc.name, cuts: [{ fromMg: 15, toMg: 10 }, { fromMg: 10, toMg: 5 }] },
    });
    // The patient agrees and the plan starts: the acceptance carries, nothing more is asked.
    await callerFor(h.db, patient).plans.agree({ patientId, planId: created.planId, expectedVersion: 2, reason: '' });
    await api.activate({ patientId, planId: created.planId, expectedVersion: 3, reason: '' });
    const active = (await planVersions(h.db, created.planId)).at(-1);
    expect(capOf(active?.warnings ?? [])?.code === 'cut-above-cap' && capOf(active?.warnings ?? [])).toMatchObject({ acceptance: { byId: doc.id } });
    // Everyone sees it, the patient too.
    const mine = await callerFor(h.db, patient).plans.get({ patientId });
    expect(capOf(mine.plan?.warnings ?? [])).toMatchObject({ acceptance: { reason: 'Only 10 mg scored tablets; we review at 15 mg' } });
  });

  it('an acceptance covers only the cuts it named: a draft edited to other big cuts needs a new one', async () => {
    const { doc, patientId } = await team();
    const api = callerFor(h.db, doc).plans;
    const created = await api.create({ patientId, input: validTaperInput(COARSE), reason: '', aboveCapReason: 'Tablets only for now' });
    expect(capOf((await planVersions(h.db, created.planId)).at(-1)?.warnings ?? [])).toMatchObject({ acceptance: { reason: 'Tablets only for now' } });
    // Unscored tablets: 30 → 20 → 10 → 0 are new cuts above the cap.
    await api.update({ patientId, planId: created.planId, expectedVersion: 1, reason: 'Unscored after all', input: validTaperInput({ ...COARSE, formulations: [{ kind: 'tablet', strengthMg: 10, scored: false }] }) });
    const edited = (await planVersions(h.db, created.planId)).at(-1);
    expect(capOf(edited?.warnings ?? [])).toMatchObject({ cuts: [{ fromMg: 30, toMg: 20 }, { fromMg: 20, toMg: 10 }, { fromMg: 10, toMg: 0 }] });
    expect(capOf(edited?.warnings ?? [])).not.toHaveProperty('acceptance');
    expect(appFieldErrors(await rejection(api.propose({ patientId, planId: created.planId, expectedVersion: 2, reason: '' })))).toHaveProperty('aboveCapReason');
  });

  it('only a prescriber accepts: the reason from anyone else is refused and nothing is saved', async () => {
    const { doc, patientId } = await team();
    const notPrescriber = { id: doc.id, role: doc.role, mayPrescribe: false };
    const refused = await serviceRefusal(createPlan(h.db, notPrescriber, { patientId, input: validTaperInput(COARSE), reason: '', aboveCapReason: 'I think it is fine' }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    const created = await createPlan(h.db, notPrescriber, { patientId, input: validTaperInput(COARSE), reason: '' });
    const refusedPropose = await serviceRefusal(proposePlan(h.db, notPrescriber, { patientId, planId: created.planId, expectedVersion: 1, reason: '', aboveCapReason: 'I think it is fine' }));
    expect(refusedPropose).toMatchObject({ code: 'FORBIDDEN' });
    expect((await planRow(h.db, created.planId)).version).toBe(1);
  });

  it('an adjustment that makes new cuts above the cap needs the acceptance in the same request', async () => {
    const { doc, patient, patientId } = await team();
    // A 1 mg/mL liquid keeps every planned cut within the 25% cap: 30, 25, 20, 15, then smaller cuts.
    const liquid: Partial<TaperInput> = { formulations: [{ kind: 'liquid', mgPerMl: 1, minMeasurableMl: 0.5 }], maxCutPercent: 25, stopAtMg: undefined, startDate: '2099-01-01' };
    const plan = await makePlan(h.db, doc, patient, 'agreed', { input: liquid });
    const api = callerFor(h.db, doc).plans;
    // A hand edit of the 20 mg step to 15 mg makes a 40% cut from 25 mg.
    const ref = { patientId, planId: plan.planId, expectedVersion: plan.version, reason: 'Faster for a week' };
    const refused = await rejection(api.editStep({ ...ref, index: 1, dailyMg: 15 }));
    expect(appFieldErrors(refused)).toHaveProperty('aboveCapReason');
    expect((await planRow(h.db, plan.planId)).version).toBe(plan.version);
    const saved = await api.editStep({ ...ref, index: 1, dailyMg: 15, aboveCapReason: 'Patient asked to go faster; reviewed in clinic' });
    expect(saved.version).toBe(plan.version + 1);
  });
});

describe('slow and step back through the API', () => {
  it('slow never saves the same doses: with 10 mg scored tablets it is refused on its field, naming a finer product', async () => {
    const { doc, patient, patientId } = await team();
    const plan = await makePlan(h.db, doc, patient, 'active', { input: { formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }] } });
    const refused = await serviceRefusal(slowPlan(h.db, doc, { patientId, planId: plan.planId, expectedVersion: plan.version, reason: 'Slower please', percent: 25 }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', details: { guardrail: 'cannot-slow', smallestCutMg: 5 } });
    expect(refused.fieldErrors?.percent?.[0]).toMatch(/5 mg scored tablet/);
    expect(await planVersions(h.db, plan.planId)).toHaveLength(4);
  });
});
