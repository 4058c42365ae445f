// A hand-made, realistic ExportRecord for the FHIR export's tests: three plans (a finished fixed-decrement
// taper with a weighted split, a stopped plan whose cut above the cap a prescriber accepted, a paused
// percentage taper), a week of check-ins, alerts, shared notes, goals and supports.
import type { ExportCheckIn, ExportPlanVersion, ExportRecord } from '~/lib/export/types';
import { accept } from '~/lib/taper/acceptance';
import { generateSchedule } from '~/lib/taper/engine';
import type { TaperInput } from '~/lib/taper/types';

export const IDS = {
  patient: '0b9f6a52-6a0e-4c8b-9a51-2f3c9d1e7a10',
  prescriber: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  physio: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60',
  formerPrescriber: '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6071',
  finished: 'a1000000-0000-4000-8000-000000000001',
  capped: 'a2000000-0000-4000-8000-000000000002',
  paused: 'a3000000-0000-4000-8000-000000000003',
} as const;

const normal = { hasIntrathecalPump: false, renalFunction: 'normal' } as const;

/** 30 mg/day, weighted toward the night dose, 5 mg less every 14 days, on scored 10 mg tablets. */
export const fixedInput: TaperInput = {
  currentDailyMg: 30,
  doseTimes: ['08:00', '14:00', '22:00'],
  split: { kind: 'weighted', weights: [1, 1, 2] },
  formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }],
  strategy: { kind: 'fixed', mgPerStep: 5 },
  stepDays: 14,
  targetDailyMg: 0,
  startDate: '2025-03-03',
  maxCutPercent: 50,
};

/** 20 mg/day on unscored 20 mg tablets: the only cut is to 0, above the 25% cap. */
export const cappedInput: TaperInput = {
  currentDailyMg: 20,
  doseTimes: ['22:00'],
  split: { kind: 'even' },
  formulations: [{ kind: 'tablet', strengthMg: 20, scored: false }],
  strategy: { kind: 'fixed', mgPerStep: 5 },
  stepDays: 14,
  targetDailyMg: 0,
  startDate: '2025-08-04',
  maxCutPercent: 25,
};

/** 40 mg/day QID, 10% of the dose every 21 days, on 5 mg scored tablets and a 5 mg/5 mL liquid. */
export const percentInput: TaperInput = {
  currentDailyMg: 40,
  doseTimes: ['07:00', '12:00', '17:00', '22:00'],
  split: { kind: 'even' },
  formulations: [
    { kind: 'tablet', strengthMg: 5, scored: true },
    { kind: 'liquid', mgPerMl: 1, minMeasurableMl: 0.5 },
  ],
  strategy: { kind: 'percent', percent: 10, minCutMg: 1, maxCutMg: 5 },
  stepDays: 21,
  targetDailyMg: 10,
  startDate: '2025-11-03',
  maxCutPercent: 25,
};

const prescriber = { signedOffById: IDS.prescriber, signedOffByName: 'Dr Amara Okafor' };
const unsigned = { signedOffById: null, signedOffByName: null };

function version(
  n: number, status: ExportPlanVersion['status'], action: string, input: TaperInput, createdAt: string,
  signer: { signedOffById: string | null; signedOffByName: string | null }, reason: string,
  author: { id: string; name: string; role: ExportPlanVersion['authorRole'] } = { id: IDS.prescriber, name: 'Dr Amara Okafor', role: 'clinician' },
): ExportPlanVersion {
  const schedule = generateSchedule(input, normal);
  return {
    version: n, status, action, authorId: author.id, authorName: author.name, authorRole: author.role, ...signer, reason, createdAt, input,
    steps: schedule.steps, warnings: schedule.warnings,
  };
}

function checkIn(localDate: string, over: Partial<ExportCheckIn>): ExportCheckIn {
  return {
    id: `c0000000-0000-4000-8000-${localDate.replaceAll('-', '').padStart(12, '0')}`,
    localDate, planId: IDS.paused, planVersion: 3, stepIndex: 1,
    doses: ['07:00', '12:00', '17:00', '22:00'].map((time) => ({ time, plannedMg: 9, takenMg: 9, status: 'taken' as const })),
    spasticity: 4, spasmFrequency: 1, sleepQuality: 6, sleepHours: 6.5, restlessness: 3, anxiety: 3, mood: 6, pain: 4, headache: 1, nausea: 0,
    strengthMobility: 6, redFlags: [], stressors: '', activity: 'Walked 15 minutes', systolic: 128, diastolic: 82, heartRate: 74,
    phq2: null, gad2: null, notes: '', revision: 1, updatedAt: `${localDate}T20:15:00.000Z`,
    ...over,
  };
}

export function exampleRecord(): ExportRecord {
  const capVersion = version(2, 'active', 'activate', cappedInput, '2025-08-01T10:00:00.000Z', prescriber, 'No finer product available to the patient abroad');
  capVersion.warnings = accept(capVersion.warnings, {
    reason: 'Travelling abroad for six weeks, only 20 mg tablets obtainable; nurse calls twice a week',
    byId: IDS.formerPrescriber, byName: 'Dr Lena Vogel', at: '2025-08-01T09:55:00.000Z',
  });
  return {
    audience: 'patient',
    generatedAt: '2026-01-20T09:30:00.000Z',
    today: '2026-01-20',
    range: { from: null, to: null },
    patient: {
      id: IDS.patient, name: 'Zoë Marchetti-Ngata', email: 'zoe@example.org', dateOfBirth: '1979-06-14', phone: '+44 7700 900123',
      timeZone: 'Europe/London', conditions: 'Multiple sclerosis', renalFunction: 'normal', hasIntrathecalPump: false,
    },
    careTeam: [
      { clinicianId: IDS.prescriber, name: 'Dr Amara Okafor', discipline: 'prescriber', profession: 'physician', mayPrescribe: true },
      { clinicianId: IDS.physio, name: 'Sam Lindqvist', discipline: 'physiotherapist', profession: 'physiotherapist', mayPrescribe: false },
    ],
    plans: [
      {
        id: IDS.finished, status: 'completed', pausedOn: null, createdAt: '2025-02-20T10:00:00.000Z', updatedAt: '2025-05-12T10:00:00.000Z',
        versions: [
          version(1, 'draft', 'create', fixedInput, '2025-02-20T10:00:00.000Z', unsigned, 'First draft with the physiotherapist',
            { id: IDS.physio, name: 'Sam Lindqvist', role: 'clinician' }),
          version(2, 'active', 'activate', fixedInput, '2025-02-27T10:00:00.000Z', prescriber, 'Agreed with the patient: night dose kept longest'),
        ],
        criteria: null,
      },
      {
        id: IDS.capped, status: 'stopped', pausedOn: null, createdAt: '2025-07-28T10:00:00.000Z', updatedAt: '2025-08-20T10:00:00.000Z',
        versions: [
          version(1, 'proposed', 'propose', cappedInput, '2025-07-28T10:00:00.000Z', unsigned, 'Proposed before travel',
            { id: IDS.patient, name: 'Zoë Marchetti-Ngata', role: 'patient' }),
          capVersion,
        ],
        criteria: null,
      },
      {
        id: IDS.paused, status: 'paused', pausedOn: '2026-01-16', createdAt: '2025-10-20T10:00:00.000Z', updatedAt: '2026-01-16T10:00:00.000Z',
        versions: [
          version(1, 'proposed', 'propose', percentInput, '2025-10-20T10:00:00.000Z', unsigned, 'Slower, hyperbolic taper'),
          version(2, 'active', 'activate', percentInput, '2025-10-30T10:00:00.000Z', prescriber, 'Signed off'),
          version(3, 'paused', 'pause', percentInput, '2026-01-16T10:00:00.000Z', prescriber, 'Hold the current step after a hard week'),
        ],
        criteria: null,
      },
    ],
    checkIns: [
      checkIn('2026-01-13', { phq2: [1, 2], gad2: [2, 1], notes: 'Bon week-end 🌿 — spasms at night' }),
      checkIn('2026-01-14', {
        doses: [
          { time: '07:00', plannedMg: 9, takenMg: 9, status: 'taken' },
          { time: '12:00', plannedMg: 9, takenMg: null, status: 'missed' },
          { time: '17:00', plannedMg: 9, takenMg: 10, status: 'changed' },
          { time: '22:00', plannedMg: 9, takenMg: 9, status: 'taken' },
        ],
        systolic: 142, diastolic: null, heartRate: null, stressors: 'Work deadline', revision: 2,
      }),
      checkIn('2026-01-15', {
        spasticity: 8, sleepQuality: 2, sleepHours: null, redFlags: ['hallucinations'], systolic: null, diastolic: null, heartRate: 118,
        pain: null, mood: null,
      }),
    ],
    alerts: [
      { id: 'e1000000-0000-4000-8000-000000000001', kind: 'red-flag', severity: 'urgent', code: 'hallucinations', createdAt: '2026-01-15T20:16:00.000Z', acknowledgedAt: null, checkInDate: '2026-01-15' },
      { id: 'e2000000-0000-4000-8000-000000000002', kind: 'criterion', severity: 'warning', code: 'spasticity-hold', createdAt: '2026-01-15T20:16:00.000Z', acknowledgedAt: '2026-01-16T08:05:00.000Z', checkInDate: '2026-01-15' },
      { id: 'e3000000-0000-4000-8000-000000000003', kind: 'plan-safety', severity: 'warning', code: 'cut-above-cap', createdAt: '2025-08-01T10:00:00.000Z', acknowledgedAt: '2025-08-01T10:30:00.000Z', checkInDate: null },
    ],
    notes: [
      { id: 'f1000000-0000-4000-8000-000000000001', authorName: 'Dr Amara Okafor', authorRole: 'clinician', createdAt: '2026-01-16T10:05:00.000Z', body: 'We hold the current step for now and talk on Friday.', correctsNoteId: null },
      { id: 'f2000000-0000-4000-8000-000000000002', authorName: 'Dr Amara Okafor', authorRole: 'clinician', createdAt: '2026-01-16T10:09:00.000Z', body: 'Correction: we talk on Thursday, not Friday.', correctsNoteId: 'f1000000-0000-4000-8000-000000000001' },
      { id: 'f3000000-0000-4000-8000-000000000003', authorName: 'Zoë Marchetti-Ngata', authorRole: 'patient', createdAt: '2026-01-16T12:00:00.000Z', body: 'Merci — Thursday works.', correctsNoteId: null },
    ],
    goals: [
      { id: 'b1000000-0000-4000-8000-000000000001', title: 'Walk 20 minutes a day', measure: 'Minutes walked a day', target: '20 minutes', targetValue: 20, targetUnit: 'minutes', dueOn: '2026-03-01', status: 'active', createdAt: '2025-10-20T10:00:00.000Z', latestProgress: { recordedOn: '2026-01-13', value: 15, note: 'Good days and bad days' } },
      { id: 'b2000000-0000-4000-8000-000000000002', title: '30 mg/day by 1 June', measure: 'Daily dose', target: '30 mg/day', targetValue: 30, targetUnit: 'mg/day', dueOn: '2025-06-01', status: 'achieved', createdAt: '2025-02-20T10:00:00.000Z', latestProgress: null },
      { id: 'b3000000-0000-4000-8000-000000000003', title: 'Sleep through the night', measure: '', target: 'Most nights', targetValue: null, targetUnit: '', dueOn: null, status: 'revised', createdAt: '2025-03-01T10:00:00.000Z', latestProgress: null },
      { id: 'b4000000-0000-4000-8000-000000000004', title: 'Swim weekly', measure: '', target: '', targetValue: null, targetUnit: '', dueOn: null, status: 'dropped', createdAt: '2025-03-01T10:00:00.000Z', latestProgress: null },
    ],
    adjuncts: [
      { id: 'd1000000-0000-4000-8000-000000000001', planId: IDS.paused, kind: 'physiotherapy', name: 'Weekly physiotherapy', notes: 'Stretching programme at home', startedOn: '2025-11-03', stoppedOn: null, maxDays: null, stopCriteria: null, followUpOn: null },
      { id: 'd2000000-0000-4000-8000-000000000002', planId: IDS.paused, kind: 'rescue-medication', name: 'Diazepam 2 mg at night', notes: '', startedOn: '2026-01-15', stoppedOn: '2026-01-19', maxDays: 5, stopCriteria: 'Stop when spasms at night settle, or after 5 days', followUpOn: '2026-01-21' },
    ],
  };
}
