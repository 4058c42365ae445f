// The demo clinic (an administrator, a prescriber, a physiotherapist and three patients), built through the
// same services the app uses: seeded by `npm run seed:demo`, and exported by the FHIR tests.
import { seedReviews } from './reviews';
import { seedAdjuncts } from './adjuncts';
import { createUserWithPassword } from '~/server/accounts/service';
import { acceptInvite } from '~/server/invites/service';
import { addCareTeamMember, addPatient } from '~/server/patients/service';
import { submitCheckIn } from '~/server/checkins/service';
import { localDate } from '~/lib/dates';
import { activatePlan, agreePlan, createPlan, proposePlan } from '~/server/plans/service';
import { addDays } from '~/lib/dates';
import { seedTrends } from './trends';
import type { TaperInput } from '~/lib/taper/types';
import { seedNotesAndGoals } from './notes-goals';
import { updateClinicSettings } from '~/server/clinic/service';

export const DEMO_PASSWORD = 'baclofen-demo-2026';

export const demoAccounts = {
  admin: { email: 'admin@demo.taperline.example', name: 'Alex Admin' },
  prescriber: { email: 'ada.okafor@demo.taperline.example', name: 'Dr Ada Okafor' },
  physio: { email: 'sam.lind@demo.taperline.example', name: 'Sam Lind' },
  patients: [
    { email: 'maria.santos@demo.taperline.example', name: 'Maria Santos', conditions: 'Multiple sclerosis', renalFunction: 'normal', dateOfBirth: '1979-04-12', timeZone: 'Europe/London' },
    { email: 'james.carter@demo.taperline.example', name: 'James Carter', conditions: 'Spinal cord injury (T10)', renalFunction: 'normal', dateOfBirth: '1988-09-30', timeZone: 'America/New_York' },
    { email: 'priya.nair@demo.taperline.example', name: 'Priya Nair', conditions: 'Cerebral palsy', renalFunction: 'moderate', dateOfBirth: '1995-01-22', timeZone: 'Europe/Dublin' },
  ],
} as const;

/** Maria's taper is running (started three weeks ago); James has a plan proposed to him. */
async function seedPlans(db: Parameters<typeof createPlan>[0], prescriber: { id: string; role: 'clinician' }, [maria, james]: string[]) {
  const today = localDate('UTC', new Date());
  const base: TaperInput = {
    currentDailyMg: 60,
    doseTimes: ['08:00', '14:00', '22:00'],
    split: { kind: 'even' },
    formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }, { kind: 'liquid', mgPerMl: 1, minMeasurableMl: 0.5 }],
    strategy: { kind: 'percent', percent: 10, minCutMg: 2.5, maxCutMg: 10 },
    stepDays: 14,
    targetDailyMg: 0,
    startDate: addDays(today, -21),
    maxCutPercent: 25,
  };
  if (maria) {
    const plan = await createPlan(db, prescriber, { patientId: maria, input: base, reason: 'Agreed in clinic: 10% steps every two weeks.' });
    const ref = { patientId: maria, planId: plan.planId, reason: '' };
    await proposePlan(db, prescriber, { ...ref, expectedVersion: 1 });
    await agreePlan(db, { id: maria, role: 'patient' }, { ...ref, expectedVersion: 2 });
    await activatePlan(db, prescriber, { ...ref, expectedVersion: 3 });
  }
  if (james) {
    const input: TaperInput = { ...base, currentDailyMg: 40, doseTimes: ['08:00', '20:00'], strategy: { kind: 'fixed', mgPerStep: 5 }, startDate: addDays(today, 7) };
    const plan = await createPlan(db, prescriber, { patientId: james, input, reason: '' });
    await proposePlan(db, prescriber, { patientId: james, planId: plan.planId, expectedVersion: 1, reason: 'Proposed at the review: 5 mg less every two weeks.' });
  }
}

/** Maria's last ten days of check-ins; Priya reported severe anxiety yesterday (an urgent alert). */
// Maria's check-ins come from seedTrends, in date order (milestones are recorded as the days go by).
async function seedCheckIns(db: Parameters<typeof createPlan>[0], [, , priya]: string[]) {
  const dayMs = 24 * 60 * 60 * 1000;
  const base = {
    doses: [] as { time: string; takenMg: number | null; status: 'taken' | 'changed' | 'missed' }[],
    sleepHours: 7, stressors: '', activity: 'Physiotherapy exercises', systolic: null, diastolic: null, heartRate: null, phq2: null, gad2: null, notes: '',
  };
  const scores = (spasticity: number) => ({ spasticity, spasmFrequency: 1, sleepQuality: 7, restlessness: 2, anxiety: 2, mood: 7, pain: 2, headache: 0, nausea: 0, strengthMobility: 7 });
  const when = (daysAgo: number) => new Date(Date.now() - daysAgo * dayMs);
  if (priya) {
    const now = when(1);
    await submitCheckIn(db, { id: priya, role: 'patient' }, {
      ...base, patientId: priya, idempotencyKey: crypto.randomUUID(), localDate: localDate('Europe/Dublin', now), scores: { ...scores(6), anxiety: 9 }, redFlags: ['severe-anxiety-agitation'], notes: 'Could not settle all evening.',
    }, now);
  }
}

/** The demo clinic, made through the app's own services: also what the export tests check against the FHIR validator. */
export async function seedDemoClinic(db: Parameters<typeof createPlan>[0]): Promise<{ prescriberId: string; patientIds: string[] }> {
  const adminId = await createUserWithPassword(db, null, { ...demoAccounts.admin, role: 'admin', password: DEMO_PASSWORD });
  // The clinic's numbers (fictional: Ofcom's drama range) and its on-call address, as an administrator sets them.
  await updateClinicSettings(db, { id: adminId, role: 'admin' }, {
    clinicPhone: '+44 20 7946 0958', onCallName: 'Neurology registrar on call', onCallEmail: 'on-call@demo.taperline.example', onCallPhone: '+44 20 7946 0959',
    crisisLineName: 'Samaritans', crisisLinePhone: '116 123', escalationMinutes: 30,
  });
  const prescriberId = await createUserWithPassword(db, null, { ...demoAccounts.prescriber, role: 'clinician', profession: 'physician', mayPrescribe: true, password: DEMO_PASSWORD });
  await createUserWithPassword(db, null, { ...demoAccounts.physio, role: 'clinician', profession: 'physiotherapist', mayPrescribe: false, password: DEMO_PASSWORD });
  const prescriber = { id: prescriberId, role: 'clinician' as const };
  const patientIds: string[] = [];
  for (const p of demoAccounts.patients) {
    const created = await addPatient(db, prescriber, {
      name: p.name,
      email: p.email,
      timeZone: p.timeZone,
      hasIntrathecalPump: false,
      dateOfBirth: p.dateOfBirth,
      conditions: p.conditions,
      renalFunction: p.renalFunction,
    });
    // The patient accepts their invite exactly as they would in the browser.
    await acceptInvite(db, { token: created.token, password: DEMO_PASSWORD });
    await addCareTeamMember(db, prescriber, { patientId: created.patientId, clinicianEmail: demoAccounts.physio.email, mayEditPlan: false });
    patientIds.push(created.patientId);
  }
  await seedPlans(db, prescriber, patientIds);
  await seedCheckIns(db, patientIds);
  await seedTrends(db, patientIds[0]);
  await seedAdjuncts(db, prescriber, patientIds);
  await seedNotesAndGoals(db, prescriber, patientIds);
  await seedReviews(db, prescriber, demoAccounts.physio.email, patientIds);
  return { prescriberId, patientIds };
}
