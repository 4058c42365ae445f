// Trends against a real database: the series from a real plan and check-ins, adherence, weeks, range bounds,
// markers, a fixed number of queries, who is refused, and that nothing of the team's reaches the patient.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mdtMeetings, mdtPatientItems, taperPlanVersions, weeklyReviews } from '~/db/schema';
import type { SessionUser } from '~/server/auth/session';
import { submitCheckIn } from '~/server/checkins/service';
import { defaultCriteria } from '~/lib/criteria/evaluate';
import { localDate } from '~/lib/dates';
import { extendPlan } from '~/server/plans/service';
import { addDays } from '~/lib/dates';
import {
  addToTeam, callerFor, checkInInput, httpCall, makeNamedPatient, makePlan, makeUser, openCountingTestDb, planVersions, rejection, uniqueName, type CountingDbHandle,
  type PlanRef,
} from '~/server/test/db';
import { getTrends, type Trends } from './service';

const TEAM_REVIEW = 'Team only: wonder whether her partner is managing the tablets';
const TEAM_DISCUSSION = 'Team only: the physio doubts the spasticity scores';
const TEAM_DECISIONS = 'Team only: consider referral to pain clinic';
const SHARED_SUMMARY = 'We agreed to hold your dose for one more week.';
const UNFINISHED_SUMMARY = 'Summary of a meeting not yet finalised';

let h: CountingDbHandle;
let doc: SessionUser;
let nurse: SessionUser;
let outsider: SessionUser;
let patient: SessionUser;
let otherPatient: SessionUser;
let plan: PlanRef;
/** The patient's today (Europe/London), and their plan's first day. */
const T = localDate('Europe/London', new Date());
const START = addDays(T, -19);
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

beforeAll(async () => {
  h = await openCountingTestDb();
  [doc, nurse, outsider] = await Promise.all([
    makeUser(h.db, 'clinician', uniqueName('Dr Trend')),
    makeUser(h.db, 'clinician', uniqueName('Nurse Trend')),
    makeUser(h.db, 'clinician', uniqueName('Outsider')),
  ]);
  patient = (await makeNamedPatient(h.db, doc, { name: uniqueName('Tess Trend') })).user;
  otherPatient = (await makeNamedPatient(h.db, doc, { name: uniqueName('Other') })).user;
  await addToTeam(h.db, doc, patient.id, nurse);
  // 30 mg, 5 mg less every 14 days: 25 mg from START (19 days ago), 20 mg from 5 days ago.
  plan = await makePlan(h.db, doc, patient, 'active', { input: { startDate: START } });
  // The app cannot save a version in the past: the plan was agreed and started the day before its first step.
  await h.db.update(taperPlanVersions).set({ createdAt: noon(addDays(START, -1)) }).where(eq(taperPlanVersions.planId, plan.planId));
  // Extended today by 7 days: the 20 mg step now runs 21 days.
  plan = await extendPlan(h.db, doc, { patientId: patient.id, planId: plan.planId, expectedVersion: plan.version, reason: 'Tightness up', days: 7 });

  const versions = await planVersions(h.db, plan.planId);
  const stepDoses = (index: number) => versions.at(-1)?.steps[index]?.doses.map((d) => ({ time: d.time, mg: d.mg })) ?? [];
  const allTaken = (index: number) => stepDoses(index).map((d) => ({ time: d.time, takenMg: d.mg, status: 'taken' as const }));
  const checkIn = (day: string, over: Parameters<typeof checkInInput>[2]) =>
    submitCheckIn(h.db, { id: patient.id, role: 'patient' }, checkInInput(patient.id, day, over), noon(day));
  await checkIn(addDays(T, -7), { doses: allTaken(0), scores: { spasticity: 4, sleepQuality: 6 } });
  await checkIn(addDays(T, -6), {
    doses: allTaken(0).map((d, i) => (i === 0 ? { time: d.time, takenMg: null, status: 'missed' as const } : d)),
    scores: { spasticity: 6, sleepQuality: 5 },
  });
  await checkIn(addDays(T, -3), { doses: [], scores: { spasticity: 8, sleepQuality: null } });
  await checkIn(addDays(T, -1), { doses: allTaken(1), scores: { spasticity: 5, sleepQuality: 4 }, redFlags: ['hallucinations'] });
  // Long before the range: only the whole taper would show it, and it is before the plan.
  await checkIn(addDays(T, -30), { scores: { spasticity: 2 } });

  await h.db.insert(weeklyReviews).values({
    patientId: patient.id, reviewerId: doc.id, reviewerDiscipline: 'prescriber', periodStart: addDays(T, -8), periodEnd: addDays(T, -2),
    summary: TEAM_REVIEW, decision: 'hold', nextReviewOn: addDays(T, 5), snapshot: { note: TEAM_REVIEW }, createdAt: noon(addDays(T, -2)),
  });
  const [finalised] = await h.db.insert(mdtMeetings).values({ heldOn: addDays(T, -1), title: 'Spasticity MDT', createdBy: doc.id, finalisedAt: new Date() }).returning();
  const [open] = await h.db.insert(mdtMeetings).values({ heldOn: addDays(T, -2), title: 'Next MDT', createdBy: doc.id }).returning();
  if (!finalised || !open) throw new Error('no meeting');
  await h.db.insert(mdtPatientItems).values([
    { meetingId: finalised.id, patientId: patient.id, discussion: TEAM_DISCUSSION, decisions: TEAM_DECISIONS, goalsReset: TEAM_DISCUSSION, sharedSummary: SHARED_SUMMARY },
    { meetingId: open.id, patientId: patient.id, discussion: TEAM_DISCUSSION, decisions: TEAM_DECISIONS, sharedSummary: UNFINISHED_SUMMARY },
  ]);
});
afterAll(async () => {
  await h.close();
});

const get = (who: SessionUser, range: '2w' | '3m' | 'all', metrics?: string[]) =>
  callerFor(h.db, who).trends.get({ patientId: patient.id, range, ...(metrics ? { metrics } : {}) } as never) as Promise<Trends>;
const day = (t: Trends, offset: number) => t.days.find((d) => d.date === addDays(T, offset));

describe('the series from a real plan and check-ins', () => {
  let team: Trends;
  beforeAll(async () => {
    team = await get(nurse, '2w');
  });

  it('covers the last 14 days, ending today', () => {
    expect([team.from, team.to, team.today]).toEqual([addDays(T, -13), T, T]);
    expect(team.days.map((d) => d.date)).toEqual(Array.from({ length: 14 }, (_, i) => addDays(T, i - 13)));
    expect(team.metrics).toEqual(['spasticity', 'sleepQuality']);
  });

  it('takes the planned dose from the steps, and the taken dose from the doses recorded', () => {
    expect(day(team, -13)).toMatchObject({ plannedMg: 25, plannedDoses: 3, checkedIn: false, takenMg: null });
    expect(day(team, -7)).toMatchObject({ plannedMg: 25, takenMg: 25, dosesTaken: 3, dosesMissed: 0, scores: { spasticity: 4, sleepQuality: 6 } });
    const missedOne = day(team, -6);
    expect(missedOne?.dosesMissed).toBe(1);
    expect(missedOne?.takenMg).toBeGreaterThan(0);
    expect(missedOne?.takenMg).toBeLessThan(25);
    expect(day(team, -5)).toMatchObject({ plannedMg: 20 });
    expect(day(team, -3)).toMatchObject({ checkedIn: true, takenMg: null, scores: { spasticity: 8 } });
    expect(day(team, -1)).toMatchObject({ plannedMg: 20, takenMg: 20, redFlags: ['hallucinations'] });
    expect(team.hasPlan && team.hasCheckIns).toBe(true);
  });

  it('counts adherence as doses taken of doses planned over the 14 days', () => {
    // 14 days × 3 doses planned; taken 3 + 2 + 3; one recorded missed; the rest have no record.
    expect(team.adherence).toMatchObject({ plannedDoses: 42, takenDoses: 8, missedDoses: 1, unrecordedDoses: 33, percentTaken: 19 });
    expect(team.adherence.takenMgOnRecordedDays).toBeLessThan(team.adherence.plannedMgOnRecordedDays);
  });

  it('averages the two weeks, the latest ending today', () => {
    expect(team.weeks.map((w) => [w.start, w.end])).toEqual([[addDays(T, -13), addDays(T, -7)], [addDays(T, -6), T]]);
    const [earlier, latest] = team.weeks;
    expect(earlier).toMatchObject({ checkIns: 1, plannedMg: 25, takenMg: 25, scores: { spasticity: 4, sleepQuality: 6 }, redFlagDays: 0, percentTaken: 14 });
    expect(latest).toMatchObject({ checkIns: 3, scores: { spasticity: 6.3, sleepQuality: 4.5 }, redFlagDays: 1, percentTaken: 24 });
    expect(latest?.plannedMg).toBeCloseTo((25 + 20 * 6) / 7, 1);
  });

  it('draws the criteria bands of the chosen scores, with their wording for the team', () => {
    const spasticity = defaultCriteria().filter((c) => c.metric.kind === 'score' && c.metric.key === 'spasticity');
    expect(spasticity.length).toBeGreaterThan(0);
    expect(team.bands.filter((b) => b.key === 'spasticity').map((b) => b.team?.label)).toEqual(spasticity.map((c) => c.label));
    expect(team.bands.every((b) => b.key === 'spasticity' || b.key === 'sleepQuality')).toBe(true);
  });

  it('marks the plan change, the red flag once, the weekly review and the finalised MDT only', () => {
    const kinds = team.markers.map((m) => `${m.date} ${m.kind}`);
    expect(kinds).toContain(`${T} plan-change`);
    expect(team.markers.filter((m) => m.kind === 'red-flag')).toEqual([{ kind: 'red-flag', date: addDays(T, -1), codes: ['hallucinations'] }]);
    expect(team.markers).toContainEqual({ kind: 'weekly-review', date: addDays(T, -2), decision: 'hold', summary: TEAM_REVIEW });
    expect(team.markers).toContainEqual({ kind: 'mdt-review', date: addDays(T, -1), sharedSummary: SHARED_SUMMARY, decisions: TEAM_DECISIONS });
    expect(JSON.stringify(team)).not.toContain(UNFINISHED_SUMMARY);
    expect(team.markers.find((m) => m.kind === 'plan-change' && m.date === T)).toMatchObject({ action: 'extend', version: plan.version });
  });

  it('returns only the scores asked for', async () => {
    const t = await get(doc, '2w', ['pain', 'pain']);
    expect(t.metrics).toEqual(['pain']);
    expect(day(t, -7)?.scores).toEqual({ pain: 2 });
    expect(t.bands.every((b) => b.key === 'pain')).toBe(true);
  });
});

describe('ranges', () => {
  it('3 months is 91 days ending today', async () => {
    const t = await get(doc, '3m');
    expect([t.from, t.to, t.days.length]).toEqual([addDays(T, -90), T, 91]);
    expect(t.weeks).toHaveLength(13);
    expect(day(t, -30)?.checkedIn).toBe(true);
  });

  it('the whole taper runs from the earliest check-in to the end of the extended schedule, with the extension in force from today', async () => {
    const t = await get(doc, 'all');
    const versions = await planVersions(h.db, plan.planId);
    const steps = versions.at(-1)?.steps ?? [];
    expect(t.from).toBe(addDays(T, -30));
    expect(t.to).toBe(steps.at(-1)?.endDate);
    // The extended 20 mg step: 14 + 7 days from 5 days ago. The original plan had 15 mg from day 9.
    expect(day(t, 9)?.plannedMg).toBe(20);
    expect(day(t, 16)?.plannedMg).toBe(15);
    expect(day(t, -20)?.plannedMg).toBeNull();
    // Future days have nothing to adhere to: adherence is the same as over the past days only.
    expect(t.adherence.plannedDoses).toBe(t.days.filter((d) => d.date <= T).reduce((s, d) => s + d.plannedDoses, 0));
    expect(t.weeks.at(-1)?.end).toBe(T);
    expect(t.markers.filter((m) => m.kind === 'plan-change').map((m) => (m.kind === 'plan-change' ? m.action : ''))).toEqual(['create', 'propose', 'agree', 'activate', 'extend']);
  });

  it('reads in the same fixed number of queries whatever the range', async () => {
    const counts: number[] = [];
    for (const range of ['2w', '3m', 'all'] as const) {
      h.reset();
      await getTrends(h.db, patient.id, 'team', { range });
      counts.push(h.queries());
    }
    expect(counts).toEqual([7, 7, 7]);
  });
});

describe('what the patient sees', () => {
  let mine: Trends;
  beforeAll(async () => {
    mine = await get(patient, 'all');
  });

  it('is their own series, the same as the team’s', async () => {
    const team = await get(doc, 'all');
    expect(mine.days).toEqual(team.days);
    expect(mine.adherence).toEqual(team.adherence);
    expect(mine.viewer).toBe('patient');
  });

  it('carries no team-only text: no review summary, no MDT discussion or decisions, no criteria wording', () => {
    const json = JSON.stringify(mine);
    for (const secret of [TEAM_REVIEW, TEAM_DISCUSSION, TEAM_DECISIONS, UNFINISHED_SUMMARY, 'Team only', ...defaultCriteria().map((c) => c.label)]) {
      expect(json).not.toContain(secret);
    }
    expect(mine.markers).toContainEqual({ kind: 'weekly-review', date: addDays(T, -2) });
    expect(mine.markers).toContainEqual({ kind: 'mdt-review', date: addDays(T, -1), sharedSummary: SHARED_SUMMARY });
    expect(mine.bands.length).toBeGreaterThan(0);
    expect(mine.bands.every((b) => b.team === undefined)).toBe(true);
  });

  it('never shows a draft: the plan’s creation as a draft is not a marker for them', () => {
    const actions = mine.markers.flatMap((m) => (m.kind === 'plan-change' ? [m.action] : []));
    expect(actions).toEqual(['propose', 'agree', 'activate', 'extend']);
  });

  it('shows an empty record as empty: no plan, no check-ins, no adherence figure', async () => {
    const t = await callerFor(h.db, otherPatient).trends.get({ patientId: otherPatient.id, range: '2w' });
    expect([t.hasPlan, t.hasCheckIns, t.adherence.percentTaken, t.markers, t.bands]).toEqual([false, false, null, [], []]);
    expect(t.days).toHaveLength(14);
  });
});

describe('who is refused', () => {
  const input = () => ({ patientId: patient.id, range: '2w' as const });
  it('refuses another patient, a clinician off the care team and an anonymous caller', async () => {
    for (const who of [otherPatient, outsider]) {
      const error = await rejection(callerFor(h.db, who).trends.get(input()));
      expect([error.code, error.message]).toEqual(['FORBIDDEN', 'You do not have access to this patient.']);
    }
    expect((await rejection(callerFor(h.db, 'anonymous').trends.get(input()))).code).toBe('UNAUTHORIZED');
  });

  it('refuses a bad range or an empty choice of scores with a clear message', async () => {
    const badRange = await httpCall(h.db, patient, 'trends.get', { patientId: patient.id, range: 'year' });
    expect(badRange.error?.data.code).toBe('BAD_REQUEST');
    expect(badRange.error?.data.fieldErrors?.range).toEqual(['Choose a range: 2 weeks, 3 months or the whole taper.']);
    const noScores = await httpCall(h.db, patient, 'trends.get', { patientId: patient.id, range: '2w', metrics: [] });
    expect(noScores.error?.data.fieldErrors?.metrics).toEqual(['Choose at least one score.']);
  });
});
