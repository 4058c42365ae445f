// The clinician's triage list against a real database: the order (urgent, decision due, warnings, missed
// check-ins, the rest), each row's facts, only the clinician's own patients, and one statement for all of it.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taperPlanVersions } from '~/db/schema';
import type { SessionUser } from '~/server/auth/session';
import { submitCheckIn } from '~/server/checkins/service';
import { recordDecision } from '~/server/decisions/service';
import { addDays } from '~/lib/taper';
import {
  addToTeam, callerFor, checkInInput, makeNamedPatient, makePlan, makeUser, openCountingTestDb, rejection, uniqueName, type CountingDbHandle,
} from '~/server/test/db';
import { triageList, type TriageRow } from './service';

let h: CountingDbHandle;
beforeAll(async () => {
  h = await openCountingTestDb();
});
afterAll(async () => {
  await h.close();
});

const at = (iso: string) => new Date(iso);
const actorOf = (u: SessionUser) => ({ id: u.id, role: u.role });
// 13 March 2026, London (GMT): the day every row below is read on.
const NOW = at('2026-03-13T12:00:00Z');
const TODAY = '2026-03-13';

async function checkIn(patient: SessionUser, day: string, over: Parameters<typeof checkInInput>[2] = {}) {
  return submitCheckIn(h.db, actorOf(patient), checkInInput(patient.id, day, over), at(`${day}T18:00:00Z`));
}

/** A patient of `doc` named `name`, with an active plan from `startDate` (5 mg less every 14 days from 30 mg: 25, 20, 15, 10, 5, 0). */
async function patientOf(doc: SessionUser, name: string, startDate: string | null) {
  const p = await makeNamedPatient(h.db, doc, { name });
  if (startDate) await makePlan(h.db, doc, p.user, 'active', { input: { startDate }, now: at(`${startDate}T09:00:00Z`) });
  return p.user;
}

const reasons = (rows: TriageRow[]) => rows.map((r) => [r.name, r.reason]);

describe('the triage list', () => {
  let doc: SessionUser;
  const names = {
    urgent: uniqueName('E urgent'),
    urgentAndDue: uniqueName('F urgent and due'),
    decision: uniqueName('D decision due'),
    warning: uniqueName('C warning'),
    missed: uniqueName('A missed'),
    neverCheckedIn: uniqueName('B never checked in'),
    calm: uniqueName('G calm'),
    noPlan: uniqueName('H no plan'),
    paused: uniqueName('I paused'),
  };
  const patients: Record<keyof typeof names, SessionUser> = {} as Record<keyof typeof names, SessionUser>;

  beforeAll(async () => {
    doc = await makeUser(h.db, 'clinician', uniqueName('Dr Triage'));
    // Plans from 5 March are on day 9 of a 14-day step: no decision due. Plans from 1 March end their step tomorrow.
    patients.urgent = await patientOf(doc, names.urgent, '2026-03-05');
    await checkIn(patients.urgent, TODAY, { redFlags: ['hallucinations'] });

    patients.urgentAndDue = await patientOf(doc, names.urgentAndDue, '2026-03-01');
    await checkIn(patients.urgentAndDue, '2026-03-12', { redFlags: ['seizure', 'high-fever'] });

    patients.decision = await patientOf(doc, names.decision, '2026-03-01');
    await checkIn(patients.decision, '2026-03-12');

    patients.warning = await patientOf(doc, names.warning, '2026-03-05');
    for (const day of ['2026-03-11', '2026-03-12', TODAY]) await checkIn(patients.warning, day, { scores: { spasticity: 8 } });

    patients.missed = await patientOf(doc, names.missed, '2026-03-05');
    await checkIn(patients.missed, '2026-03-10');

    patients.neverCheckedIn = await patientOf(doc, names.neverCheckedIn, '2026-03-05');

    patients.calm = await patientOf(doc, names.calm, '2026-03-05');
    for (const [day, spasticity] of [['2026-02-27', 9], ['2026-02-28', 6], ['2026-03-07', 4], ['2026-03-12', 2], [TODAY, 3]] as const) {
      await checkIn(patients.calm, day, { scores: { spasticity } });
    }

    patients.noPlan = await patientOf(doc, names.noPlan, null);

    const paused = await makeNamedPatient(h.db, doc, { name: names.paused });
    patients.paused = paused.user;
    await makePlan(h.db, doc, paused.user, 'paused', { input: { startDate: '2026-02-20' }, now: at('2026-02-24T09:00:00Z') });
    await checkIn(patients.paused, TODAY);
  });

  it('orders urgent alerts first, then a step decision due, then warnings, then missed check-ins, then the rest', async () => {
    const rows = await triageList(h.db, doc.id, NOW);
    expect(reasons(rows)).toEqual([
      // Two urgent: the one with more urgent alerts first.
      [names.urgentAndDue, 'urgent'],
      [names.urgent, 'urgent'],
      [names.decision, 'decision-due'],
      [names.warning, 'warning'],
      [names.missed, 'missed-check-in'],
      [names.neverCheckedIn, 'missed-check-in'],
      [names.calm, 'none'],
      [names.noPlan, 'none'],
      [names.paused, 'none'],
    ]);
    expect(rows.slice(0, 2).map((r) => [r.urgent, r.warnings])).toEqual([[2, 0], [1, 0]]);
    expect(rows.find((r) => r.name === names.warning)).toMatchObject({ urgent: 0, warnings: 1 });
  });

  it('gives each row the current dose, step x of y, the day of the step, the last check-in and 14 days of spasticity', async () => {
    const rows = await triageList(h.db, doc.id, NOW);
    const calm = rows.find((r) => r.patientId === patients.calm.id);
    expect(calm).toMatchObject({
      name: names.calm,
      planStatus: 'active',
      currentDailyMg: 25,
      stepNumber: 1,
      stepCount: 6,
      stepDay: 9,
      stepDays: 14,
      stepEndsOn: '2026-03-18',
      lastCheckIn: TODAY,
      daysSinceCheckIn: 0,
      urgent: 0,
      warnings: 0,
      info: 0,
      hasIntrathecalPump: false,
    });
    const window = Array.from({ length: 14 }, (_, i) => addDays(TODAY, i - 13));
    expect(window[0]).toBe('2026-02-28');
    const values: Record<string, number> = { '2026-02-28': 6, '2026-03-07': 4, '2026-03-12': 2, [TODAY]: 3 };
    expect(calm?.spasticity).toEqual(window.map((date) => values[date] ?? null));

    expect(rows.find((r) => r.patientId === patients.decision.id)).toMatchObject({ stepNumber: 1, stepDay: 13, stepEndsOn: '2026-03-14', lastCheckIn: '2026-03-12', daysSinceCheckIn: 1 });
    expect(rows.find((r) => r.patientId === patients.missed.id)).toMatchObject({ lastCheckIn: '2026-03-10', daysSinceCheckIn: 3 });
    expect(rows.find((r) => r.patientId === patients.neverCheckedIn.id)).toMatchObject({ lastCheckIn: null, daysSinceCheckIn: null });
    expect(rows.find((r) => r.patientId === patients.noPlan.id)).toMatchObject({
      planStatus: null, currentDailyMg: null, stepNumber: null, stepCount: null, stepDay: null, lastCheckIn: null,
    });
  });

  it('shows a paused plan on the step and the day it was paused on, however long ago', async () => {
    // Paused on 24 February, day 5 of the first step (20 February – 5 March).
    const rows = await triageList(h.db, doc.id, NOW);
    expect(rows.find((r) => r.patientId === patients.paused.id)).toMatchObject({
      planStatus: 'paused', currentDailyMg: 25, stepNumber: 1, stepDay: 5, stepDays: 14, stepEndsOn: '2026-03-05',
    });
  });

  it('lists only the clinician’s own patients: those on a team of theirs, not another clinician’s', async () => {
    const colleague = await makeUser(h.db, 'clinician', uniqueName('Dr Colleague'));
    const theirs = await patientOf(colleague, uniqueName('Z colleague only'), '2026-03-05');
    await checkIn(theirs, TODAY, { redFlags: ['seizure'] });
    const shared = await patientOf(colleague, uniqueName('Y shared'), '2026-03-05');
    await addToTeam(h.db, colleague, shared.id, doc, { mayEditPlan: false });

    const mine = (await triageList(h.db, doc.id, NOW)).map((r) => r.patientId);
    expect(mine).not.toContain(theirs.id);
    expect(mine).toContain(shared.id);
    expect(mine.sort()).toEqual([...Object.values(patients).map((p) => p.id), shared.id].sort());
    const colleagues = (await triageList(h.db, colleague.id, NOW)).map((r) => r.patientId);
    expect(colleagues.sort()).toEqual([theirs.id, shared.id].sort());
  });

  it('no longer shows a decision due once the step is decided, even for a last step that ended long ago', async () => {
    const lateDoc = await makeUser(h.db, 'clinician', uniqueName('Dr Late'));
    const late = await makeNamedPatient(h.db, lateDoc, { name: uniqueName('Late') });
    // 7-day steps from 1 December: the last step (0 mg, its follow-up) ended on 11 January; nobody completed the plan.
    const plan = await makePlan(h.db, lateDoc, late.user, 'active', { input: { startDate: '2025-12-01', stepDays: 7 }, now: at('2025-12-01T09:00:00Z') });
    await checkIn(late.user, TODAY);
    const before = await triageList(h.db, lateDoc.id, NOW);
    expect(before.map((r) => [r.reason, r.stepNumber, r.stepCount, r.stepEndsOn])).toEqual([['decision-due', 6, 6, '2026-01-11']]);
    await recordDecision(h.db, lateDoc, { patientId: late.patientId, planId: plan.planId, expectedVersion: plan.version, decision: 'advance', reason: 'Off baclofen, doing well', percent: 25 }, NOW);
    expect((await triageList(h.db, lateDoc.id, NOW)).map((r) => r.reason)).toEqual(['none']);
  });

  it('answers in one statement however many patients there are', async () => {
    const countFor = async (clinicianId: string) => {
      h.reset();
      const rows = await triageList(h.db, clinicianId, NOW);
      return { rows: rows.length, queries: h.queries() };
    };
    const small = await countFor(doc.id);
    const busy = await makeUser(h.db, 'clinician', uniqueName('Dr Busy'));
    for (let i = 0; i < 12; i++) {
      const p = await patientOf(busy, uniqueName(`Busy ${String(i).padStart(2, '0')}`), i % 3 === 0 ? '2026-03-01' : '2026-03-05');
      await checkIn(p, TODAY, { scores: { spasticity: i % 10 }, redFlags: i % 4 === 0 ? ['confusion'] : [] });
      await checkIn(p, '2026-03-11');
    }
    const large = await countFor(busy.id);
    expect(small.rows).toBeGreaterThanOrEqual(9);
    expect(large.rows).toBe(12);
    expect(large.queries).toBe(1);
    expect(small.queries).toBe(1);
    const lonely = await makeUser(h.db, 'clinician');
    expect(await countFor(lonely.id)).toEqual({ rows: 0, queries: 1 });
  });
});

describe('who may see the triage list', () => {
  it('is a clinician’s own list: patients and administrators are refused with FORBIDDEN', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const patient = (await makeNamedPatient(h.db, doc, { name: uniqueName('Not for me') })).user;
    const admin = await makeUser(h.db, 'admin');
    for (const who of [patient, admin]) {
      const error = await rejection(callerFor(h.db, who).triage.list());
      expect(error.code).toBe('FORBIDDEN');
    }
    expect((await rejection(callerFor(h.db, 'anonymous').triage.list())).code).toBe('UNAUTHORIZED');
    const list = await callerFor(h.db, doc).triage.list();
    expect(list.map((r) => r.patientId)).toEqual([patient.id]);
  });

  it("reads each plan's steps from the stored summary, which PostgreSQL keeps equal to the steps", async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Summary') });
    await makePlan(h.db, doc, p.user, 'active', { input: { startDate: '2026-03-01' }, now: at('2026-03-01T09:00:00Z') });
    const versions = await h.db.select({ steps: taperPlanVersions.steps, summary: taperPlanVersions.stepSummary }).from(taperPlanVersions).where(eq(taperPlanVersions.patientId, p.patientId));
    expect(versions.length).toBeGreaterThan(1);
    for (const v of versions) {
      expect(v.summary).toEqual(v.steps.map((s) => ({ index: s.index, startDate: s.startDate, endDate: s.endDate, days: s.days, dailyMg: s.dailyMg })));
    }
  });
});
