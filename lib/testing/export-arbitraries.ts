// fast-check arbitraries for export tests: random taper regimens (as the engine's property tests make them),
// their schedules, and whole ExportRecords with random plans, check-in histories, alerts, notes, goals and supports.
import fc from 'fast-check';
import { redFlagCodes } from '~/lib/checkins/types';
import { addDays } from '~/lib/dates';
import { adjunctKinds, alertKinds, disciplines, goalStatuses, planStatuses, professions } from '~/lib/enums';
import type {
  ExportAdjunct, ExportAlert, ExportCheckIn, ExportGoal, ExportNote, ExportPlan, ExportPlanVersion, ExportRecord, ExportTeamMember,
} from '~/lib/export/types';
import { accept } from '~/lib/taper/acceptance';
import { generateSchedule } from '~/lib/taper/engine';
import { taperInputArb } from './taper-arbitraries';
import { TaperError, type Schedule, type TaperInput } from '~/lib/taper/types';

const normal = { hasIntrathecalPump: false, renalFunction: 'normal' } as const;

export { taperInputArb };

/** The engine's schedule, or undefined for the one refusal a valid regimen may get (too many steps). */
export function scheduleOf(input: TaperInput): Schedule | undefined {
  try {
    return generateSchedule(input, normal);
  } catch (error) {
    if (error instanceof TaperError && error.code === 'too-many-steps') return undefined;
    throw error;
  }
}

/** A regimen with its schedule. */
export const plannedArb: fc.Arbitrary<{ input: TaperInput; schedule: Schedule }> = taperInputArb
  .map((input) => ({ input, schedule: scheduleOf(input) }))
  .filter((p): p is { input: TaperInput; schedule: Schedule } => p.schedule !== undefined);

/** Free text as people type it: empty, blank, accented, emoji, right-to-left, stray control characters. */
export const textArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '   ', 'Zoë Ñúñez', '🌿 better today', 'مرحبا', 'line one\nline two', 'tab\there', 'bell\u0007 and nul\u0000'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const uuidArb = fc.uuid();
const instantArb = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2027-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
const dayArb = fc.integer({ min: 0, max: 900 }).map((n) => addDays('2024-06-01', n));
const score = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: null });

const versionArb = (planned: { input: TaperInput; schedule: Schedule }, n: number, signers: string[]): fc.Arbitrary<ExportPlanVersion> =>
  fc.record({
    status: fc.constantFrom(...planStatuses),
    action: fc.constantFrom('create', 'edit', 'propose', 'agree', 'activate', 'pause', 'slow', ''),
    author: fc.constantFrom(...signers),
    authorName: textArb,
    authorRole: fc.constantFrom('patient' as const, 'clinician' as const),
    signed: fc.boolean(),
    signerName: fc.option(textArb, { nil: null }),
    reason: textArb,
    createdAt: instantArb,
    accepted: fc.option(fc.record({ reason: textArb, by: fc.constantFrom(...signers), byName: textArb, at: instantArb }), { nil: undefined }),
  }).map((v) => ({
    version: n,
    status: v.status,
    action: v.action,
    authorId: v.author,
    authorName: v.authorName,
    authorRole: v.authorRole,
    signedOffById: v.signed ? v.author : null,
    signedOffByName: v.signed ? v.signerName : null,
    reason: v.reason,
    createdAt: v.createdAt,
    input: planned.input,
    steps: planned.schedule.steps,
    warnings: v.accepted
      ? accept(planned.schedule.warnings, { reason: v.accepted.reason, byId: v.accepted.by, byName: v.accepted.byName, at: v.accepted.at })
      : planned.schedule.warnings,
  }));

const planArb = (signers: string[]): fc.Arbitrary<ExportPlan> =>
  fc.record({ id: uuidArb, status: fc.constantFrom(...planStatuses), pausedOn: fc.option(dayArb, { nil: null }), createdAt: instantArb, planned: fc.array(plannedArb, { minLength: 1, maxLength: 3 }) })
    .chain((p) => fc.tuple(...p.planned.map((planned, i) => versionArb(planned, i + 1, signers))).map((versions) => ({
      id: p.id, status: p.status, pausedOn: p.pausedOn, createdAt: p.createdAt, updatedAt: p.createdAt, versions, criteria: null,
    })));

const checkInArb = (plans: ExportPlan[]): fc.Arbitrary<Omit<ExportCheckIn, 'localDate'>> => {
  const planRef = plans.length === 0
    ? fc.constant({ planId: null, planVersion: null, stepIndex: null })
    : fc.constantFrom(...plans).chain((p) => fc.record({
      planId: fc.constant<string | null>(p.id),
      planVersion: fc.option(fc.integer({ min: 1, max: p.versions.length + 1 }), { nil: null }),
      stepIndex: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
    }));
  return fc.record({
    id: uuidArb,
    ref: planRef,
    doses: fc.array(fc.record({
      time: fc.constantFrom('07:00', '08:00', '12:00', '14:00', '22:00'),
      plannedMg: fc.option(fc.constantFrom(0, 0.5, 2.5, 5, 7.5, 10, 20), { nil: null }),
      takenMg: fc.option(fc.constantFrom(0, 0.5, 2.5, 5, 7.5, 10, 20), { nil: null }),
      status: fc.constantFrom('taken' as const, 'changed' as const, 'missed' as const),
    }), { maxLength: 4 }),
    spasticity: score(10), spasmFrequency: score(4), sleepQuality: score(10),
    sleepHours: fc.option(fc.double({ min: 0, max: 24, noNaN: true }), { nil: null }),
    restlessness: score(10), anxiety: score(10), mood: score(10), pain: score(10), headache: score(10), nausea: score(10), strengthMobility: score(10),
    redFlags: fc.subarray([...redFlagCodes]),
    stressors: textArb, activity: textArb,
    systolic: fc.option(fc.integer({ min: 60, max: 250 }), { nil: null }),
    diastolic: fc.option(fc.integer({ min: 30, max: 150 }), { nil: null }),
    heartRate: fc.option(fc.integer({ min: 30, max: 220 }), { nil: null }),
    phq2: fc.option(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 2 }), { nil: null }),
    gad2: fc.option(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 2 }), { nil: null }),
    notes: textArb,
    revision: fc.integer({ min: 1, max: 4 }),
    updatedAt: instantArb,
  }).map(({ ref, ...c }) => ({ ...c, ...ref }));
};

const alertArb: fc.Arbitrary<ExportAlert> = fc.record({
  id: uuidArb,
  kind: fc.constantFrom(...alertKinds),
  severity: fc.constantFrom('urgent' as const, 'warning' as const, 'info' as const),
  code: fc.oneof(fc.constantFrom(...redFlagCodes, 'missed-check-in', 'cut-above-cap', 'spasticity-hold'), textArb),
  createdAt: instantArb,
  acknowledgedAt: fc.option(instantArb, { nil: null }),
  checkInDate: fc.option(dayArb, { nil: null }),
});

const goalArb: fc.Arbitrary<ExportGoal> = fc.record({
  id: uuidArb, title: textArb, measure: textArb, target: textArb,
  targetValue: fc.option(fc.double({ min: -1000, max: 1000, noNaN: true }), { nil: null }),
  targetUnit: textArb, dueOn: fc.option(dayArb, { nil: null }), status: fc.constantFrom(...goalStatuses), createdAt: instantArb,
  latestProgress: fc.option(fc.record({ recordedOn: dayArb, value: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }), note: textArb }), { nil: null }),
});

const adjunctArb = (planIds: string[]): fc.Arbitrary<ExportAdjunct> => fc.record({
  id: uuidArb,
  // Now and then a support of a plan the record does not hold, which must still leave with the export.
  planId: planIds.length > 0 ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...planIds) }, { weight: 1, arbitrary: uuidArb }) : uuidArb,
  kind: fc.constantFrom(...adjunctKinds), name: textArb, notes: textArb, startedOn: dayArb,
  stoppedOn: fc.option(dayArb, { nil: null }),
  maxDays: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
  stopCriteria: fc.option(textArb, { nil: null }),
  followUpOn: fc.option(dayArb, { nil: null }),
});

const noteArb: fc.Arbitrary<Omit<ExportNote, 'correctsNoteId'>> = fc.record({
  id: uuidArb, authorName: textArb, authorRole: fc.constantFrom('patient' as const, 'clinician' as const), createdAt: instantArb, body: textArb,
});

const memberArb: fc.Arbitrary<ExportTeamMember> = fc.record({
  clinicianId: uuidArb, name: textArb, discipline: fc.constantFrom(...disciplines),
  profession: fc.option(fc.constantFrom(...professions), { nil: null }), mayPrescribe: fc.boolean(),
});

/** A whole record: up to 3 plans of 1–3 versions, up to 14 days of check-ins, alerts, notes (some corrections), goals, supports. */
export const exportRecordArb: fc.Arbitrary<ExportRecord> = fc
  .record({
    patientId: uuidArb,
    name: textArb,
    email: textArb,
    phone: fc.option(textArb, { nil: null }),
    dateOfBirth: fc.option(dayArb, { nil: null }),
    careTeam: fc.uniqueArray(memberArb, { maxLength: 4, selector: (m) => m.clinicianId }),
    otherSigners: fc.array(uuidArb, { minLength: 1, maxLength: 2 }),
    generatedAt: instantArb,
    today: dayArb,
    audience: fc.constantFrom('patient' as const, 'team' as const),
  })
  .chain((base) => {
    const signers = [...base.careTeam.map((m) => m.clinicianId), ...base.otherSigners];
    return fc.record({
      plans: fc.uniqueArray(planArb(signers), { maxLength: 3, selector: (p) => p.id }),
      alerts: fc.uniqueArray(alertArb, { maxLength: 5, selector: (a) => a.id }),
      notes: fc.uniqueArray(noteArb, { maxLength: 4, selector: (n) => n.id }),
      corrects: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      goals: fc.uniqueArray(goalArb, { maxLength: 4, selector: (g) => g.id }),
      firstDay: dayArb,
    }).chain((more) => fc.record({
      checkIns: fc.uniqueArray(checkInArb(more.plans), { maxLength: 14, selector: (c) => c.id }),
      adjuncts: fc.uniqueArray(adjunctArb(more.plans.map((p) => p.id)), { maxLength: 4, selector: (a) => a.id }),
    }).map((last) => ({ base, more, last })));
  })
  .map(({ base, more, last }) => ({
    audience: base.audience,
    generatedAt: base.generatedAt,
    today: base.today,
    range: { from: null, to: null },
    patient: {
      id: base.patientId, name: base.name, email: base.email, dateOfBirth: base.dateOfBirth, phone: base.phone, timeZone: 'Europe/London',
      conditions: '', renalFunction: 'normal', hasIntrathecalPump: false,
    },
    careTeam: base.careTeam,
    plans: more.plans,
    checkIns: last.checkIns.map((c, i) => ({ ...c, localDate: addDays(more.firstDay, i) })),
    alerts: more.alerts,
    notes: more.notes.map((n, i) => ({ ...n, correctsNoteId: i > 0 && more.corrects[i] ? (more.notes[i - 1]?.id ?? null) : null })),
    goals: more.goals,
    adjuncts: last.adjuncts,
  }));
