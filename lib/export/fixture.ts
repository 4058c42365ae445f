// Sample export records for the export tests: a realistic running taper, an empty record, and a record filled to every limit.
import { addDays, daysBetween } from '~/lib/dates';
import { generateSchedule } from '~/lib/taper/engine';
import type { TaperInput, Warning } from '~/lib/taper/types';
import type { RedFlagCode } from '~/lib/checkins/types';
import { redFlagCodes } from '~/lib/checkins/types';
import type { ExportAdjunct, ExportCheckIn, ExportDose, ExportGoal, ExportPlan, ExportRecord, ExportTeamMember } from './types';

export const SAMPLE_TODAY = '2027-02-10';

const input: TaperInput = {
  currentDailyMg: 30,
  doseTimes: ['08:00', '14:00', '22:00'],
  split: { kind: 'even' },
  formulations: [
    { kind: 'tablet', strengthMg: 10, scored: true },
    { kind: 'tablet', strengthMg: 5, scored: true },
  ],
  strategy: { kind: 'percent', percent: 10, minCutMg: 2.5, maxCutMg: 5 },
  stepDays: 14,
  targetDailyMg: 0,
  startDate: '2027-01-04',
  maxCutPercent: 25,
};

const team: ExportTeamMember[] = [
  { clinicianId: 'c-jones', name: 'Dr Amira Jones', discipline: 'prescriber', profession: 'physician', mayPrescribe: true },
  { clinicianId: 'c-okafor', name: 'Chidi Okafor', discipline: 'physiotherapist', profession: 'physiotherapist', mayPrescribe: false },
  { clinicianId: 'c-lind', name: 'Sara Lind', discipline: 'nurse', profession: 'nurse', mayPrescribe: false },
];

/** The plan as the engine makes it, with the prescriber's acceptance of its one cut above the cap. */
function samplePlan(): ExportPlan {
  const { steps, warnings } = generateSchedule(input, { hasIntrathecalPump: false, renalFunction: 'mild' });
  const accepted: Warning[] = warnings.map((w) =>
    w.code === 'cut-above-cap'
      ? { ...w, acceptance: { reason: 'The 5 mg tablet is the finest product the pharmacy stocks; the patient agreed.', byId: 'c-jones', byName: 'Dr Amira Jones', at: '2026-12-20T10:00:00Z', cuts: w.cuts.map((c) => ({ fromMg: c.fromMg, toMg: c.toMg })) } }
      : w,
  );
  const base = { authorId: 'c-jones', authorName: 'Dr Amira Jones', authorRole: 'clinician' as const, input, steps };
  return {
    id: 'plan-1',
    status: 'active',
    pausedOn: null,
    createdAt: '2026-12-18T09:00:00Z',
    updatedAt: '2027-01-03T09:00:00Z',
    versions: [
      { ...base, version: 1, status: 'draft', action: 'create', signedOffById: null, signedOffByName: null, reason: '', createdAt: '2026-12-18T09:00:00Z', warnings },
      { ...base, version: 2, status: 'proposed', action: 'propose', signedOffById: 'c-jones', signedOffByName: 'Dr Amira Jones', reason: 'Cut above the cap accepted', createdAt: '2026-12-20T10:00:00Z', warnings: accepted },
      { ...base, version: 3, status: 'active', action: 'activate', signedOffById: 'c-jones', signedOffByName: 'Dr Amira Jones', reason: '', createdAt: '2027-01-03T09:00:00Z', warnings: accepted },
    ],
    criteria: {
      version: 1,
      criteria: [
        { id: 'spasticity-high', label: 'Spasticity 7 or more on 3 of 7 days: hold', metric: { kind: 'score', key: 'spasticity' }, comparator: '>=', threshold: 7, windowDays: 7, minDays: 3, action: 'hold' },
        { id: 'sleep-poor', label: 'Sleep quality 3 or less on 5 of 7 days: slow', metric: { kind: 'score', key: 'sleepQuality' }, comparator: '<=', threshold: 3, windowDays: 7, minDays: 5, action: 'slow' },
      ],
    },
  };
}

/** What the plan asked for on a day, dose by dose, and what a patient who mostly keeps to it took. */
function dosesOn(plan: ExportPlan, date: string, day: number): ExportDose[] {
  const steps = plan.versions.at(-1)?.steps ?? [];
  const step = steps.find((s) => s.startDate <= date && date <= s.endDate);
  return (step?.doses ?? []).map((d, i) => {
    if (day % 9 === 4 && i === 1) return { time: d.time, plannedMg: d.mg, takenMg: null, status: 'missed' };
    if (day % 11 === 6 && i === 2) return { time: d.time, plannedMg: d.mg, takenMg: d.mg + 2.5, status: 'changed' };
    return { time: d.time, plannedMg: d.mg, takenMg: d.mg, status: 'taken' };
  });
}

const sampleNotes = [
  'Slept badly, legs "jumpy" at night, took a warm bath',
  'Café with a friend, walked there: felt good 🙂',
  'Physio: stretches, 20 min\nthen rested',
  '夜里腿抽筋, 但是早上好多了',
  '',
];

function checkIn(plan: ExportPlan, date: string, day: number, redFlags: RedFlagCode[] = []): ExportCheckIn {
  const wave = (n: number, span: number) => n % span;
  const weekly = day % 7 === 0;
  return {
    id: `ci-${date}`,
    localDate: date,
    planId: plan.id,
    planVersion: 3,
    stepIndex: plan.versions.at(-1)?.steps.findIndex((s) => s.startDate <= date && date <= s.endDate) ?? null,
    doses: dosesOn(plan, date, day),
    spasticity: 3 + wave(day, 5),
    spasmFrequency: wave(day, 5),
    sleepQuality: 8 - wave(day, 6),
    sleepHours: 6 + wave(day, 4) / 2,
    restlessness: wave(day, 4),
    anxiety: 2 + wave(day, 3),
    mood: 6 + wave(day, 3),
    pain: 2 + wave(day, 4),
    headache: day % 10 === 0 ? 4 : 0,
    nausea: day % 13 === 0 ? 3 : null,
    strengthMobility: 6,
    redFlags,
    stressors: day % 6 === 0 ? 'Work deadline, busy week' : '',
    activity: day % 2 === 0 ? 'Walked 15 minutes' : 'Stretching at home',
    systolic: day % 3 === 0 ? 124 + wave(day, 7) : null,
    diastolic: day % 3 === 0 ? 78 + wave(day, 5) : null,
    heartRate: day % 3 === 0 ? 72 + wave(day, 9) : null,
    phq2: weekly ? [1, wave(day, 3)] : null,
    gad2: weekly ? [wave(day, 4), 1] : null,
    notes: sampleNotes[day % sampleNotes.length] ?? '',
    revision: day % 8 === 0 ? 2 : 1,
    updatedAt: `${date}T20:15:00Z`,
  };
}

/** A patient five weeks into an active taper: daily check-ins with a few missed days, a red flag, criteria that fired. */
export function sampleRecord(): ExportRecord {
  const plan = samplePlan();
  const checkIns: ExportCheckIn[] = [];
  for (let date = input.startDate; date <= SAMPLE_TODAY; date = addDays(date, 1)) {
    const day = daysBetween(input.startDate, date);
    if (day === 12 || day === 31) continue; // days the patient did not check in (16 January, 4 February)
    checkIns.push(checkIn(plan, date, day, date === '2027-02-03' ? ['severe-anxiety-agitation'] : []));
  }
  const goals: ExportGoal[] = [
    { id: 'g-2', title: 'Walk to the corner shop', measure: 'minutes walked a day', target: '20 minutes a day', targetValue: 20, targetUnit: 'minutes', dueOn: '2027-03-31', status: 'active', createdAt: '2027-01-04T10:00:00Z', latestProgress: { recordedOn: '2027-02-08', value: 15, note: 'With a stick, one rest' } },
    { id: 'g-1', title: 'Sleep through most nights', measure: 'nights a week without waking', target: '5 nights a week', targetValue: 5, targetUnit: 'nights', dueOn: null, status: 'achieved', createdAt: '2027-01-04T10:00:00Z', latestProgress: null },
    { id: 'g-3', title: 'Reach 20 mg/day', measure: 'daily dose', target: '20 mg/day by 1 March', targetValue: 20, targetUnit: 'mg/day', dueOn: '2027-03-01', status: 'active', createdAt: '2027-01-04T10:00:00Z', latestProgress: null },
  ];
  const adjuncts: ExportAdjunct[] = [
    { id: 'a-1', planId: plan.id, kind: 'physiotherapy', name: 'Weekly physiotherapy', notes: 'Tuesdays, stretching programme', startedOn: '2027-01-04', stoppedOn: null, maxDays: null, stopCriteria: null, followUpOn: null },
    { id: 'a-2', planId: plan.id, kind: 'rescue-medication', name: 'Diazepam 2 mg at night', notes: '', startedOn: '2027-02-08', stoppedOn: null, maxDays: 5, stopCriteria: 'Stop when sleep quality is 5 or more on 2 nights', followUpOn: '2027-02-14' },
    { id: 'a-3', planId: plan.id, kind: 'heat-cold', name: 'Warm bath in the evening', notes: '', startedOn: '2027-01-04', stoppedOn: '2027-01-20', maxDays: null, stopCriteria: null, followUpOn: null },
  ];
  return {
    audience: 'team',
    generatedAt: '2027-02-10T18:30:00Z',
    today: SAMPLE_TODAY,
    range: { from: null, to: null },
    patient: {
      id: 'p-1',
      name: 'Ana Pérez',
      email: 'ana@example.org',
      dateOfBirth: '1978-05-02',
      phone: '+44 20 7946 0000',
      timeZone: 'Europe/London',
      conditions: 'Multiple sclerosis (relapsing-remitting)',
      renalFunction: 'mild',
      hasIntrathecalPump: false,
    },
    careTeam: team,
    plans: [plan],
    checkIns,
    alerts: [
      { id: 'al-1', kind: 'red-flag', severity: 'urgent', code: 'severe-anxiety-agitation', createdAt: '2027-02-03T20:16:00Z', acknowledgedAt: '2027-02-03T21:00:00Z', checkInDate: '2027-02-03' },
      { id: 'al-2', kind: 'criterion', severity: 'warning', code: 'sleep-poor', createdAt: '2027-01-10T20:16:00Z', acknowledgedAt: '2027-01-11T09:00:00Z', checkInDate: '2027-01-10' },
      { id: 'al-3', kind: 'criterion', severity: 'warning', code: 'spasticity-high', createdAt: '2027-02-07T20:16:00Z', acknowledgedAt: null, checkInDate: '2027-02-07' },
      { id: 'al-4', kind: 'red-flag', severity: 'urgent', code: 'high-heart-rate', createdAt: '2027-02-09T19:00:00Z', acknowledgedAt: null, checkInDate: '2027-02-09' },
      { id: 'al-5', kind: 'missed-check-in', severity: 'info', code: 'missed-check-in', createdAt: '2027-02-04T09:00:00Z', acknowledgedAt: null, checkInDate: null },
    ],
    notes: [
      { id: 'n-1', authorName: 'Dr Amira Jones', authorRole: 'clinician', createdAt: '2027-01-18T12:00:00Z', body: 'Good first two weeks. Keep going.', correctsNoteId: null },
    ],
    goals,
    adjuncts,
  };
}

/** A patient with no plan and no check-ins yet: what a new record looks like. */
export function emptyRecord(): ExportRecord {
  const full = sampleRecord();
  return { ...full, careTeam: [], plans: [], checkIns: [], alerts: [], notes: [], goals: [], adjuncts: [] };
}

const long = (words: number, seed: string) => Array.from({ length: words }, (_, i) => `${seed}${i}`).join(' ');

/** Every part at its worst case for a one-page layout: every day filled, long texts, many flags, goals, supports and team members. */
export function maximalRecord(): ExportRecord {
  const r = sampleRecord();
  const plan = r.plans[0];
  if (!plan) throw new Error('the sample record has a plan');
  const checkIns: ExportCheckIn[] = [];
  for (let i = 27; i >= 0; i--) {
    const date = addDays(r.today, -i);
    const day = daysBetween(input.startDate, date);
    const flags = i < 10 ? redFlagCodes.filter((_, j) => j <= (i % 4)) : [];
    checkIns.push({
      ...checkIn(plan, date, day, [...flags]),
      nausea: 5, headache: 6, phq2: [3, 3], gad2: [3, 2],
      stressors: long(40, 'stressor'),
      notes: long(120, 'A long note with words '),
    });
  }
  const goals: ExportGoal[] = Array.from({ length: 20 }, (_, i) => ({
    id: `g-${i}`,
    title: `Goal ${i + 1}: ${long(20, 'walk further ')}`,
    measure: long(10, 'measure'),
    target: long(15, 'target'),
    targetValue: 20,
    targetUnit: 'minutes',
    dueOn: addDays(r.today, i * 7),
    status: i % 4 === 0 ? 'achieved' : 'active',
    createdAt: '2027-01-04T10:00:00Z',
    latestProgress: { recordedOn: r.today, value: i, note: long(30, 'progress') },
  }));
  const adjuncts: ExportAdjunct[] = Array.from({ length: 12 }, (_, i) => ({
    id: `a-${i}`,
    planId: plan.id,
    kind: i % 3 === 0 ? 'rescue-medication' : 'stretching',
    name: `Support ${i + 1} ${long(12, 'name')}`,
    notes: long(30, 'note'),
    startedOn: addDays(r.today, -i),
    stoppedOn: null,
    maxDays: i % 3 === 0 ? 5 : null,
    stopCriteria: i % 3 === 0 ? long(25, 'criterion') : null,
    followUpOn: i % 3 === 0 ? addDays(r.today, 3) : null,
  }));
  const careTeam: ExportTeamMember[] = Array.from({ length: 8 }, (_, i) => ({
    clinicianId: `c-${i}`,
    name: `Dr Maximiliana Wolfeschlegelsteinhausen-Bergerdorff ${i + 1}`,
    discipline: (['prescriber', 'physiotherapist', 'nurse', 'pharmacist', 'psychologist', 'other'] as const)[i % 6] ?? 'other',
    profession: null,
    mayPrescribe: i % 6 === 0,
  }));
  const alerts = [
    ...r.alerts,
    ...Array.from({ length: 10 }, (_, i) => ({
      id: `crit-${i}`, kind: 'criterion' as const, severity: 'warning' as const, code: i % 2 ? 'spasticity-high' : 'unknown-criterion',
      createdAt: `${addDays(r.today, -i)}T20:00:00Z`, acknowledgedAt: null, checkInDate: addDays(r.today, -i),
    })),
  ];
  const warnings: Warning[] = [
    ...(plan.versions.at(-1)?.warnings ?? []),
    { code: 'above-label-maximum', maxDailyMg: 90, reason: long(40, 'reason') },
    { code: 'long-schedule', steps: 60 },
    { code: 'many-pieces', steps: [1, 2, 3], maxPieces: 4 },
    { code: 'large-volume', steps: [4], maxMl: 20 },
  ];
  const versions = plan.versions.map((v, i, all) => (i === all.length - 1 ? { ...v, warnings } : v));
  return {
    ...r,
    patient: { ...r.patient, name: `Ana Maria Pérez-Wolfeschlegelsteinhausen ${long(6, 'name')}`, conditions: long(40, 'condition') },
    careTeam,
    plans: [{ ...plan, versions }],
    checkIns,
    alerts,
    goals,
    adjuncts,
  };
}
