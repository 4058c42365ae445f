// Plan comments carry who may read them, like notes: shared with the patient or for the care team only.
// The patient's own are always shared; the team's on a draft default to team-only; and a team-only comment
// never reaches the patient, in any response of any query they can call (the leak this closes: draft talk
// becoming visible once the plan was proposed).
import { describe, expect, it } from 'vitest';
import type { Db } from '~/db';
import { appRouter } from '~/server/api/root';
import { addToTeam, auditAbout, callerFor, httpCall, makeNamedPatient, makeNonPrescriber, makePlan, makeUser, procedurePaths, rejection, uniqueName } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

async function world(db: Db) {
  const doc = await makeUser(db, 'clinician', uniqueName('Dr Comments'));
  const physio = await makeNonPrescriber(db, uniqueName('Physio'));
  const p = await makeNamedPatient(db, doc, { name: uniqueName('Commented Patient') });
  await addToTeam(db, doc, p.patientId, physio, { mayEditPlan: true });
  return { doc, physio, patient: p.user, patientId: p.patientId };
}

describe('plan comment visibility', () => {
  it('makes a team comment on a draft team-only unless the writer shares it, and one on a proposed plan shared unless they keep it to the team', async () => {
    const w = await world(h.db);
    const plan = await makePlan(h.db, w.doc, w.patient, 'draft');
    const about = { patientId: w.patientId, planId: plan.planId, version: plan.version };
    const physio = callerFor(h.db, w.physio).plans;
    expect(await physio.comment({ ...about, body: 'Draft talk, by default' })).toMatchObject({ visibility: 'team' });
    expect(await physio.comment({ ...about, body: 'We will start once you agree', visibility: 'shared' })).toMatchObject({ visibility: 'shared' });
    const proposed = await callerFor(h.db, w.doc).plans.propose({ patientId: w.patientId, planId: plan.planId, expectedVersion: plan.version, reason: 'Please review' });
    const now = { ...about, version: proposed.version };
    expect(await physio.comment({ ...now, body: 'Have a look at the evening dose' })).toMatchObject({ visibility: 'shared' });
    expect(await physio.comment({ ...now, body: 'Between us: watch her sleep', visibility: 'team' })).toMatchObject({ visibility: 'team' });
    const team = await callerFor(h.db, w.doc).plans.get({ patientId: w.patientId });
    expect((team.comments ?? []).map((c) => [c.body, c.visibility])).toEqual([
      ['Draft talk, by default', 'team'],
      ['We will start once you agree', 'shared'],
      ['Have a look at the evening dose', 'shared'],
      ['Between us: watch her sleep', 'team'],
    ]);
    const mine = await callerFor(h.db, w.patient).plans.get({ patientId: w.patientId });
    expect((mine.comments ?? []).map((c) => [c.body, c.visibility])).toEqual([['We will start once you agree', 'shared'], ['Have a look at the evening dose', 'shared']]);
    // Each comment's audit event says who may read it.
    const events = (await auditAbout(h.db, w.patientId)).filter((e) => e.action === 'plan.comment');
    expect(events.map((e) => (e.after as { visibility: string }).visibility)).toEqual(['team', 'shared', 'shared', 'team']);
  });

  it('keeps the patient’s own comments and change requests shared, and refuses them a team-only one', async () => {
    const w = await world(h.db);
    const plan = await makePlan(h.db, w.doc, w.patient, 'proposed');
    const about = { patientId: w.patientId, planId: plan.planId, version: plan.version };
    const mine = callerFor(h.db, w.patient).plans;
    expect(await mine.comment({ ...about, body: 'Evenings are hard' })).toMatchObject({ visibility: 'shared' });
    expect(await mine.requestChange({ ...about, body: 'Later evening dose, please' })).toMatchObject({ visibility: 'shared' });
    const refused = await rejection(mine.comment({ ...about, body: 'Only for the team', visibility: 'team' }));
    expect([refused.code, refused.message]).toEqual(['FORBIDDEN', 'Your comments are always shared with your care team.']);
    const res = await httpCall(h.db, w.patient, 'plans.comment', { ...about, body: 'Only for the team', visibility: 'team' });
    expect(res.error?.data.fieldErrors).toEqual({ visibility: ['Your comments are always shared with your care team.'] });
    expect(((await callerFor(h.db, w.doc).plans.get({ patientId: w.patientId })).comments ?? []).map((c) => [c.body, c.visibility])).toEqual([
      ['Evenings are hard', 'shared'], ['Later evening dose, please', 'shared'],
    ]);
  });

  it('never gives the patient a team-only comment: its text and id are in no response of any query they can call, on the plan and after it', async () => {
    const w = await world(h.db);
    const SECRET = `TEAMCOMMENT-${crypto.randomUUID()}`;
    const plan = await makePlan(h.db, w.doc, w.patient, 'draft');
    const about = { patientId: w.patientId, planId: plan.planId, version: plan.version };
    const draftTalk = await callerFor(h.db, w.physio).plans.comment({ ...about, body: `${SECRET} on the draft, by default` });
    await callerFor(h.db, w.doc).plans.comment({ ...about, body: 'Shared: welcome to your plan', visibility: 'shared' });
    // Proposed, agreed and started: every version the patient can now open, with team-only talk on the way.
    const proposed = await callerFor(h.db, w.doc).plans.propose({ patientId: w.patientId, planId: plan.planId, expectedVersion: plan.version, reason: 'Please review' });
    await callerFor(h.db, w.doc).plans.comment({ ...about, version: proposed.version, body: `${SECRET} while proposed`, visibility: 'team' });
    const agreed = await callerFor(h.db, w.patient).plans.agree({ patientId: w.patientId, planId: plan.planId, expectedVersion: proposed.version, reason: 'Fine' });
    const active = await callerFor(h.db, w.doc).plans.activate({ patientId: w.patientId, planId: plan.planId, expectedVersion: agreed.version, reason: '' });
    await callerFor(h.db, w.physio).plans.comment({ ...about, version: active.version, body: `${SECRET} while active`, visibility: 'team' });

    const queries = procedurePaths().filter((p) => (appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)[p]?._def.type === 'query');
    const inputs = [
      undefined,
      { patientId: w.patientId },
      { patientId: w.patientId, planId: plan.planId },
      ...[1, proposed.version, agreed.version, active.version].map((version) => ({ patientId: w.patientId, planId: plan.planId, version })),
      { patientId: w.patientId, planId: plan.planId, from: proposed.version, to: active.version },
      { patientId: w.patientId, days: 366 },
      { patientId: w.patientId, range: '2w' },
      { patientId: w.patientId, open: false },
    ];
    const answered = new Set<string>();
    for (const path of queries) {
      for (const input of inputs) {
        const res = await httpCall(h.db, w.patient, path, input);
        expect([path, res.body.includes(SECRET)]).toEqual([path, false]);
        expect([path, res.body.includes(draftTalk.commentId)]).toEqual([path, false]);
        if (res.status === 200) answered.add(path);
      }
    }
    // The scan reached the patient's real views of the plan, so it could have found a leak; the shared comment is there.
    for (const path of ['plans.get', 'plans.version', 'plans.diff', 'patients.get', 'notes.list']) expect(answered, path).toContain(path);
    const mine = await callerFor(h.db, w.patient).plans.get({ patientId: w.patientId });
    expect((mine.comments ?? []).map((c) => c.body)).toEqual(['Shared: welcome to your plan']);
    // The team has all four.
    expect((await callerFor(h.db, w.doc).plans.get({ patientId: w.patientId })).comments).toHaveLength(4);
  });
});
