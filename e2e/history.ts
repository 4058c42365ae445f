// Data the app cannot make "in the past" through its pages: a patient with a running plan and a bad
// week of check-ins behind them. Made with the app's own services (at earlier dates) before it starts.
import type { Db } from '~/db';
import { submitCheckIn } from '~/server/checkins/service';
import { acceptInvite } from '~/server/invites/service';
import { addPatient } from '~/server/patients/service';
import { activatePlan, agreePlan, createPlan, proposePlan } from '~/server/plans/service';
import { addDays } from '~/lib/dates';

import { BAD_WEEK } from './bad-week';

export { BAD_WEEK };

const DAY_MS = 24 * 60 * 60 * 1000;

export async function seedBadWeek(db: Db, prescriberId: string) {
  const prescriber = { id: prescriberId, role: 'clinician' as const };
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const created = await addPatient(db, prescriber, {
    name: BAD_WEEK.name, email: BAD_WEEK.email, timeZone: 'UTC', hasIntrathecalPump: false, conditions: 'Multiple sclerosis', renalFunction: 'normal',
  });
  await acceptInvite(db, { token: created.token, password: BAD_WEEK.password });
  const patient = { id: created.patientId, role: 'patient' as const };
  // Started 12 days ago with 14-day steps: today is day 13 of the first step, so a decision is due.
  const plan = await createPlan(db, prescriber, {
    patientId: created.patientId,
    reason: '',
    input: {
      currentDailyMg: 30, doseTimes: ['08:00', '14:00', '22:00'], split: { kind: 'even' }, formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }, { kind: 'liquid', mgPerMl: 1, minMeasurableMl: 0.5 }],
      strategy: { kind: 'fixed', mgPerStep: 5 }, stepDays: 14, targetDailyMg: 0, startDate: addDays(today, -12), maxCutPercent: 25,
    },
  });
  const ref = { patientId: created.patientId, planId: plan.planId, reason: '' };
  await proposePlan(db, prescriber, { ...ref, expectedVersion: 1 });
  await agreePlan(db, patient, { ...ref, expectedVersion: 2 });
  await activatePlan(db, prescriber, { ...ref, expectedVersion: 3 });
  // A bad week: spasticity 7 on each of the last six days (the default "≥ 7 on 3 of 7 days: hold").
  for (let daysAgo = 6; daysAgo >= 1; daysAgo--) {
    await submitCheckIn(db, patient, {
      patientId: created.patientId,
      idempotencyKey: crypto.randomUUID(),
      localDate: addDays(today, -daysAgo),
      doses: [
        { time: '08:00', takenMg: 10, status: 'taken' },
        { time: '14:00', takenMg: 5, status: 'taken' },
        { time: '22:00', takenMg: 10, status: 'taken' },
      ],
      scores: { spasticity: 7, spasmFrequency: 2, sleepQuality: 5, restlessness: 3, anxiety: 3, mood: 6, pain: 3, headache: 1, nausea: 0, strengthMobility: 6 },
      sleepHours: 6,
      redFlags: [],
      stressors: '', activity: 'Short walk', systolic: null, diastolic: null, heartRate: null, phq2: null, gad2: null, notes: '',
    }, new Date(now.getTime() - daysAgo * DAY_MS));
  }
  return created.patientId;
}
