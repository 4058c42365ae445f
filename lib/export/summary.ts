// The one-page clinical summary of an export record, as plain data the PDF and the print page both draw.
import { adjunctKindLabels } from '~/lib/adjuncts/kinds';
import { addDays, calendarDate, daysBetween, localDate } from '~/lib/dates';
import type { RedFlagCode, ScoreKey } from '~/lib/checkins/types';
import type { AlertSeverity } from '~/lib/criteria/types';
import type { adjunctKinds, disciplines, goalStatuses, planStatuses, renalFunctionCategories } from '~/lib/enums';
import type { DoseAtTime, TaperStep, Warning } from '~/lib/taper/types';
import type { ExportCheckIn, ExportPlan, ExportRecord } from './types';

type Of<T extends readonly string[]> = T[number];
type PlanStatus = Of<typeof planStatuses>;

/** The period the summary covers, ending on the record's today. */
export const SUMMARY_DAYS = 28;
/** PHQ-2 and GAD-2 totals at or above this are a positive screen. */
export const SCREEN_POSITIVE_AT = 3;

// English labels for the print page and the English text fields of the summary. The PDF words the summary in
// its reader's language from its own messages (messages/<locale>/exports.json SummaryPdf), using the codes and
// numbers beside each label: an export is a document that leaves the portal, and its wording must not drift
// with a screen's copy edits, so neither these labels nor the PDF's messages are shared with the screens.

/** Clinician wording of red flags, vital-sign and pattern codes (messages/en/triage.json Alerts.codes). */
export const redFlagLabels: Record<string, string> = {
  hallucinations: 'Hallucinations or delusions',
  confusion: 'Confusion, disorientation, abnormal behaviour or reduced consciousness',
  seizure: 'Seizure or convulsion',
  'high-fever': 'High fever',
  rigidity: 'Marked rigidity or sudden severe return of spasticity',
  'dark-urine-muscle-pain': 'Dark urine with muscle pain',
  'fast-heartbeat-or-unstable-bp': 'Fast heartbeat or unstable blood pressure',
  'fainting-or-sudden-immobility': 'Fainting or sudden loss of mobility',
  'severe-anxiety-agitation': 'Severe anxiety or agitation',
  'self-harm-thoughts': 'Thoughts of self-harm',
  'high-heart-rate': 'Fast heart rate',
  'low-heart-rate': 'Slow heart rate',
  'high-systolic': 'High systolic blood pressure',
  'low-systolic': 'Low systolic blood pressure',
  'high-diastolic': 'High diastolic blood pressure',
  'escalating-pain': 'Pain rising or staying severe over several days',
  'escalating-agitation': 'Agitation rising or staying severe over several days',
  'escalating-insomnia': 'Insomnia worsening or staying severe over several days',
};

export const scoreLabels: Record<ScoreKey, string> = {
  spasticity: 'Spasticity',
  spasmFrequency: 'Spasm frequency (Penn)',
  sleepQuality: 'Sleep quality',
  restlessness: 'Restlessness',
  anxiety: 'Anxiety',
  mood: 'Mood',
  pain: 'Pain',
  headache: 'Headache',
  nausea: 'Nausea',
  strengthMobility: 'Strength and mobility',
};

export const planStatusLabels: Record<PlanStatus, string> = {
  draft: 'Draft',
  proposed: 'Proposed to the patient',
  agreed: 'Agreed',
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
  stopped: 'Stopped',
};

export const disciplineLabels: Record<Of<typeof disciplines>, string> = {
  prescriber: 'Prescriber',
  physiotherapist: 'Physiotherapist',
  nurse: 'Nurse',
  pharmacist: 'Pharmacist',
  psychologist: 'Psychologist',
  other: 'Other',
};

export const renalLabels: Record<Of<typeof renalFunctionCategories>, string> = {
  normal: 'Normal (CrCl over 80 mL/min)',
  mild: 'Mildly reduced (CrCl 50–80 mL/min)',
  moderate: 'Moderately reduced (CrCl 30–50 mL/min)',
  severe: 'Severely reduced (CrCl under 30 mL/min)',
  unknown: 'Not known',
};

export { adjunctKindLabels };

export const goalStatusLabels: Record<Of<typeof goalStatuses>, string> = {
  active: 'Active',
  achieved: 'Achieved',
  revised: 'Revised',
  dropped: 'Dropped',
};

export const severityLabels: Record<AlertSeverity, string> = { urgent: 'Urgent', warning: 'Warning', info: 'For information' };

/** Wording of an alert whose criterion is no longer in the plan's criteria (messages/en/triage.json Alerts.unknownCriterion). */
export const UNKNOWN_CRITERION = 'A stop-go criterion';

export const PUMP_NOTICE =
  'This patient has an intrathecal baclofen pump. Taperline does not plan tapers for pump patients: pump doses are managed by the pump team, and pump withdrawal is an emergency.';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** "7 Feb 2027": a calendar day for people, the same in every time zone and runtime (no Intl locale data). */
export function formatDate(isoDate: string): string {
  const d = calendarDate(isoDate);
  if (Number.isNaN(d.getTime())) return isoDate;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
}

/** "Sun 7 Feb": a day in the 28-day table, where the year is in the heading. */
export function formatShortDate(isoDate: string): string {
  const d = calendarDate(isoDate);
  if (Number.isNaN(d.getTime())) return isoDate;
  return `${WEEKDAYS[d.getUTCDay()] ?? ''} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''}`;
}

/** A dose in mg as people write it: no trailing zeros, at most two decimals. */
export function formatMg(mg: number): string {
  return String(Math.round(mg * 100) / 100);
}

/** The day's planned mg (null when no dose had a plan behind it). */
export function plannedMgOf(checkIn: Pick<ExportCheckIn, 'doses'>): number | null {
  const planned = checkIn.doses.flatMap((d) => (d.plannedMg === null ? [] : [d.plannedMg]));
  return planned.length === 0 ? null : round2(planned.reduce((a, b) => a + b, 0));
}

/** The day's taken mg: null when no dose was recorded at all; a day of missed doses took 0. */
export function takenMgOf(checkIn: Pick<ExportCheckIn, 'doses'>): number | null {
  if (checkIn.doses.length === 0) return null;
  return round2(checkIn.doses.reduce((sum, d) => sum + (d.takenMg ?? 0), 0));
}

export function missedDosesOf(checkIn: Pick<ExportCheckIn, 'doses'>): number {
  return checkIn.doses.filter((d) => d.status === 'missed').length;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

const sum = (items: readonly number[]) => items.reduce((a, b) => a + b, 0);

export interface SummaryPatient {
  name: string;
  dateOfBirth: string | null;
  conditions: string;
  renalFunction: Of<typeof renalFunctionCategories>;
  renalFunctionLabel: string;
  hasIntrathecalPump: boolean;
  /** Said plainly whenever a pump is recorded: such a patient is not tapered here. */
  pumpNotice: string | null;
}

export interface SummaryDose {
  time: string;
  mg: number;
}

export interface SummaryStep {
  /** 1-based. */
  number: number;
  of: number;
  startDate: string;
  endDate: string;
  dailyMg: number;
  cutMg: number;
  /** Dose times with a dose (times left out because the day's dose is too small are in droppedTimes). */
  doses: SummaryDose[];
  droppedTimes: string[];
}

export interface SummaryWarning {
  code: Warning['code'];
  text: string;
  /** The engine's warning, for a reader who words it in another language. */
  detail: Warning;
  /** A cut above the cap that no prescriber has accepted: a reader must see it stands open. */
  needsAcceptance: boolean;
}

export interface SummaryPlan {
  id: string;
  status: PlanStatus;
  statusLabel: string;
  /** Draft to paused: the plan being worked on, not a closed one shown for the record. */
  inProgress: boolean;
  version: number;
  signedOffBy: string | null;
  /** "Signed off by …" or "Not signed off by a prescriber". */
  signOff: string;
  startingDailyMg: number;
  /** The step running today (for a paused plan, the step it is held on); null before the start or for a closed plan. */
  currentStep: SummaryStep | null;
  /** The next change of dose; null at the last step, while paused, or for a closed plan. */
  nextStep: SummaryStep | null;
  pausedOn: string | null;
  targetDailyMg: number;
  /** The day the target dose is reached: the taper's expected end. */
  targetReachedOn: string | null;
  /** The plan's last day (the end of its follow-up period). */
  endsOn: string | null;
  totalSteps: number;
  warnings: SummaryWarning[];
}

export interface SummaryDay {
  date: string;
  checkedIn: boolean;
  spasticity: number | null;
  spasmFrequency: number | null;
  sleepQuality: number | null;
  pain: number | null;
  anxiety: number | null;
  mood: number | null;
  plannedMg: number | null;
  takenMg: number | null;
  dosesMissed: number;
  redFlags: RedFlagCode[];
}

export interface SummaryChart {
  dates: string[];
  /** 0–10, null on days without a value. */
  spasticity: (number | null)[];
  sleepQuality: (number | null)[];
  takenMg: (number | null)[];
  plannedMg: (number | null)[];
  /** The dose axis' top: a round number at or above every dose shown (at least 5). */
  maxMg: number;
}

export interface SummaryScreener {
  date: string;
  phq2: number | null;
  gad2: number | null;
  phq2Positive: boolean;
  gad2Positive: boolean;
}

export interface SummaryRedFlag {
  date: string;
  code: string;
  label: string;
  /** 'reported' by the patient in a check-in; 'alert' when raised from a vital sign or a pattern. */
  source: 'reported' | 'alert';
}

export interface SummaryCriterionFired {
  date: string;
  criterionId: string;
  label: string;
  severity: AlertSeverity;
  severityLabel: string;
  acknowledged: boolean;
}

export interface SummaryGoal {
  title: string;
  /** The target in words: the goal's own, else its value and unit. */
  target: string;
  /** The goal's own words for its target ('' when it has only a value). */
  targetText: string;
  targetValue: number | null;
  targetUnit: string;
  dueOn: string | null;
  status: Of<typeof goalStatuses>;
  statusLabel: string;
  /** `text` joins the value (with the goal's unit) and the note, or says "Recorded" when both are empty. */
  latestProgress: { recordedOn: string; text: string; value: number | null; note: string } | null;
}

export interface SummaryRescue {
  maxDays: number | null;
  /** Which day of the course today is (1 on the day it started); null before it starts. */
  dayNumber: number | null;
  lastAllowedDay: string | null;
  stopCriteria: string | null;
  followUpOn: string | null;
  pastLimits: boolean;
  /** The limits in a sentence. */
  text: string;
}

export interface SummarySupport {
  kind: Of<typeof adjunctKinds>;
  kindLabel: string;
  name: string;
  startedOn: string;
  notes: string;
  rescue: SummaryRescue | null;
}

export interface SummaryTeamMember {
  name: string;
  discipline: Of<typeof disciplines>;
  disciplineLabel: string;
  prescriber: boolean;
}

export interface ClinicalSummary {
  title: string;
  generatedOn: string;
  audience: ExportRecord['audience'];
  period: { from: string; to: string; days: number };
  patient: SummaryPatient;
  plan: SummaryPlan | null;
  /** One per day of the period, oldest first, check-in or not. */
  days: SummaryDay[];
  chart: SummaryChart;
  screeners: SummaryScreener[];
  redFlags: SummaryRedFlag[];
  criteriaFired: SummaryCriterionFired[];
  openAlerts: number;
  openUrgentAlerts: number;
  /** Active first. */
  goals: SummaryGoal[];
  supports: SummarySupport[];
  /** Prescribers first. */
  careTeam: SummaryTeamMember[];
  footer: string;
}

const inProgressStatuses: readonly PlanStatus[] = ['draft', 'proposed', 'agreed', 'active', 'paused'];

function stepOf(step: TaperStep, of: number): SummaryStep {
  const doses = step.doses.filter((d: DoseAtTime) => d.mg > 0).map((d) => ({ time: d.time, mg: d.mg }));
  return {
    number: step.index + 1,
    of,
    startDate: step.startDate,
    endDate: step.endDate,
    dailyMg: step.dailyMg,
    cutMg: step.cutMg,
    doses,
    droppedTimes: step.droppedTimes ?? [],
  };
}

/** Where a plan stands today: the step it is on and the next change, by the plan's own status. */
function position(plan: ExportPlan, steps: readonly TaperStep[], today: string): { current: TaperStep | null; next: TaperStep | null } {
  const first = steps[0];
  if (!first) return { current: null, next: null };
  const at = (date: string) => {
    const i = steps.findIndex((s) => s.startDate <= date && date <= s.endDate);
    return i >= 0 ? i : steps.length - 1;
  };
  switch (plan.status) {
    case 'active': {
      if (today < first.startDate) return { current: null, next: first };
      const i = at(today);
      return { current: steps[i] ?? null, next: steps[i + 1] ?? null };
    }
    case 'paused': {
      // A paused taper holds the step it was paused on; the next change waits for the resume.
      const on = plan.pausedOn ?? today;
      return { current: on < first.startDate ? null : (steps[at(on)] ?? null), next: null };
    }
    case 'draft':
    case 'proposed':
    case 'agreed':
      return { current: null, next: first };
    case 'completed':
    case 'stopped':
      return { current: null, next: null };
  }
}

function warningOf(w: Warning): SummaryWarning {
  switch (w.code) {
    case 'renal-impairment':
      return {
        code: w.code,
        detail: w,
        needsAcceptance: false,
        text: `Renal function is reduced (${renalLabels[w.renalFunction]}). Baclofen is cleared by the kidneys: doses may need to be lower, and confusion may be toxicity rather than withdrawal. A clinician must look.`,
      };
    case 'above-label-maximum':
      return { code: w.code, detail: w, needsAcceptance: false, text: `Above the 80 mg/day label maximum (${formatMg(w.maxDailyMg)} mg/day). Recorded reason: ${w.reason}` };
    case 'long-schedule':
      return { code: w.code, detail: w, needsAcceptance: false, text: `This schedule has ${w.steps} steps.` };
    case 'cut-above-cap': {
      const cuts = w.cuts.map((c) => `step ${c.index + 1}: ${formatMg(c.fromMg)} → ${formatMg(c.toMg)} mg (${c.percent}%)`).join('; ');
      const head = `${w.cuts.length === 1 ? 'One step cuts' : `${w.cuts.length} steps cut`} more than the ${w.capPercent}% cap: ${cuts}.`;
      return w.acceptance
        ? { code: w.code, detail: w, needsAcceptance: false, text: `${head} Accepted by ${w.acceptance.byName}: “${w.acceptance.reason}”` }
        : { code: w.code, detail: w, needsAcceptance: true, text: `${head} Not yet accepted: a prescriber must accept these cuts with a reason before the plan is proposed or started.` };
    }
    case 'many-pieces':
      return { code: w.code, detail: w, needsAcceptance: false, text: `${w.steps.length === 1 ? 'One step asks' : `${w.steps.length} steps ask`} for more than ${w.maxPieces} tablets or pieces at one dose time.` };
    case 'large-volume':
      return { code: w.code, detail: w, needsAcceptance: false, text: `${w.steps.length === 1 ? 'One step asks' : `${w.steps.length} steps ask`} for more than ${formatMg(w.maxMl)} mL at one dose time.` };
  }
}

/** The plan in progress, else the latest one: what the summary reports on. */
export function summaryPlanOf(record: Pick<ExportRecord, 'plans'>): ExportPlan | null {
  return record.plans.findLast((p) => inProgressStatuses.includes(p.status)) ?? record.plans.at(-1) ?? null;
}

function planOf(record: ExportRecord): SummaryPlan | null {
  const plan = summaryPlanOf(record);
  const version = plan?.versions.at(-1);
  if (!plan || !version) return null;
  const steps = version.steps;
  const { current, next } = position(plan, steps, record.today);
  const last = steps.at(-1);
  // The target is reached on the first step at it; the last step is the follow-up after it.
  const reached = steps.find((s) => s.dailyMg <= version.input.targetDailyMg) ?? null;
  return {
    id: plan.id,
    status: plan.status,
    statusLabel: planStatusLabels[plan.status],
    inProgress: inProgressStatuses.includes(plan.status),
    version: version.version,
    signedOffBy: version.signedOffByName,
    signOff: version.signedOffByName ? `Signed off by ${version.signedOffByName}` : 'Not signed off by a prescriber',
    startingDailyMg: version.input.currentDailyMg,
    currentStep: current ? stepOf(current, steps.length) : null,
    nextStep: next ? stepOf(next, steps.length) : null,
    pausedOn: plan.status === 'paused' ? plan.pausedOn : null,
    targetDailyMg: version.input.targetDailyMg,
    targetReachedOn: reached?.startDate ?? null,
    endsOn: last?.endDate ?? null,
    totalSteps: steps.length,
    warnings: version.warnings.map(warningOf),
  };
}

function localDayOf(iso: string, timeZone: string): string {
  try {
    return localDate(timeZone, new Date(iso));
  } catch {
    // An unknown time zone must not lose the alert: the UTC day is a day off at most.
    return iso.slice(0, 10);
  }
}

/** A dose axis top that reads well: 5, 10, 20, 30, … */
function axisTop(values: readonly (number | null)[]): number {
  const max = Math.max(0, ...values.flatMap((v) => (v === null ? [] : [v])));
  if (max <= 5) return 5;
  if (max <= 10) return 10;
  return Math.ceil(max / 10) * 10;
}

function goalsOf(record: ExportRecord): SummaryGoal[] {
  const order: Record<SummaryGoal['status'], number> = { active: 0, achieved: 1, revised: 2, dropped: 3 };
  return [...record.goals]
    .sort((a, b) => order[a.status] - order[b.status] || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'))
    .map((g) => {
      const p = g.latestProgress;
      const value = p?.value == null ? '' : `${p.value}${g.targetUnit ? ` ${g.targetUnit}` : ''}`;
      const text = [value, p?.note ?? ''].filter((s) => s.trim() !== '').join('; ');
      return {
        title: g.title,
        target: g.target || (g.targetValue === null ? '' : `${g.targetValue}${g.targetUnit ? ` ${g.targetUnit}` : ''}`),
        targetText: g.target,
        targetValue: g.targetValue,
        targetUnit: g.targetUnit,
        dueOn: g.dueOn,
        status: g.status,
        statusLabel: goalStatusLabels[g.status],
        latestProgress: p ? { recordedOn: p.recordedOn, text: text || 'Recorded', value: p.value, note: p.note } : null,
      };
    });
}

function rescueOf(a: ExportRecord['adjuncts'][number], today: string): SummaryRescue {
  const started = a.startedOn <= today;
  const dayNumber = started ? daysBetween(a.startedOn, today) + 1 : null;
  const lastAllowedDay = a.maxDays === null ? null : addDays(a.startedOn, a.maxDays - 1);
  const pastLimits = (a.maxDays !== null && dayNumber !== null && dayNumber > a.maxDays) || (a.followUpOn !== null && today > a.followUpOn);
  const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
  const parts = [
    a.maxDays === null
      ? 'No maximum days recorded'
      : dayNumber === null
        ? `Not started: at most ${days(a.maxDays)}`
        : `Day ${dayNumber} of at most ${days(a.maxDays)}${lastAllowedDay ? ` (last allowed day ${formatDate(lastAllowedDay)})` : ''}`,
    a.stopCriteria ? `stop criteria: ${a.stopCriteria}` : 'no stop criteria recorded',
    a.followUpOn ? `follow-up ${formatDate(a.followUpOn)}` : 'no follow-up date recorded',
  ];
  const text = `${parts.join('; ')}.${pastLimits ? ' Used beyond the limits the team set: it needs the team’s review.' : ''}`;
  return { maxDays: a.maxDays, dayNumber, lastAllowedDay, stopCriteria: a.stopCriteria, followUpOn: a.followUpOn, pastLimits, text };
}

/** The clinical summary of a record: the plan, the last 28 days ending on the record's today, and what surrounds the taper. */
export function clinicalSummary(record: ExportRecord): ClinicalSummary {
  const to = record.today;
  const from = addDays(to, -(SUMMARY_DAYS - 1));
  const inPeriod = (date: string) => from <= date && date <= to;
  const byDate = new Map(record.checkIns.filter((c) => inPeriod(c.localDate)).map((c) => [c.localDate, c]));

  const days: SummaryDay[] = Array.from({ length: SUMMARY_DAYS }, (_, i) => {
    const date = addDays(from, i);
    const c = byDate.get(date);
    return {
      date,
      checkedIn: c !== undefined,
      spasticity: c?.spasticity ?? null,
      spasmFrequency: c?.spasmFrequency ?? null,
      sleepQuality: c?.sleepQuality ?? null,
      pain: c?.pain ?? null,
      anxiety: c?.anxiety ?? null,
      mood: c?.mood ?? null,
      plannedMg: c ? plannedMgOf(c) : null,
      takenMg: c ? takenMgOf(c) : null,
      dosesMissed: c ? missedDosesOf(c) : 0,
      redFlags: c ? [...c.redFlags] : [],
    };
  });

  const chart: SummaryChart = {
    dates: days.map((d) => d.date),
    spasticity: days.map((d) => d.spasticity),
    sleepQuality: days.map((d) => d.sleepQuality),
    takenMg: days.map((d) => d.takenMg),
    plannedMg: days.map((d) => d.plannedMg),
    maxMg: axisTop([...days.map((d) => d.takenMg), ...days.map((d) => d.plannedMg)]),
  };

  const screeners: SummaryScreener[] = days.flatMap((d) => {
    const c = byDate.get(d.date);
    if (!c || (c.phq2 === null && c.gad2 === null)) return [];
    const phq2 = c.phq2 === null ? null : sum(c.phq2);
    const gad2 = c.gad2 === null ? null : sum(c.gad2);
    return [{ date: d.date, phq2, gad2, phq2Positive: phq2 !== null && phq2 >= SCREEN_POSITIVE_AT, gad2Positive: gad2 !== null && gad2 >= SCREEN_POSITIVE_AT }];
  });

  const tz = record.patient.timeZone;
  const alertDay = (a: ExportRecord['alerts'][number]) => a.checkInDate ?? localDayOf(a.createdAt, tz);

  const reported: SummaryRedFlag[] = days.flatMap((d) => d.redFlags.map((code) => ({ date: d.date, code, label: redFlagLabels[code] ?? code, source: 'reported' as const })));
  const seen = new Set(reported.map((f) => `${f.date} ${f.code}`));
  // Vital-sign and pattern red flags exist only as alerts; a reported one is already listed from its check-in.
  const raised: SummaryRedFlag[] = record.alerts
    .filter((a) => a.kind === 'red-flag' && inPeriod(alertDay(a)) && !seen.has(`${alertDay(a)} ${a.code}`))
    .map((a) => ({ date: alertDay(a), code: a.code, label: redFlagLabels[a.code] ?? a.code, source: 'alert' as const }));
  const redFlags = [...reported, ...raised].sort((a, b) => a.date.localeCompare(b.date));

  const plan = summaryPlanOf(record);
  const criterionLabel = (id: string) =>
    plan?.criteria?.criteria.find((c) => c.id === id)?.label ??
    record.plans.flatMap((p) => p.criteria?.criteria ?? []).find((c) => c.id === id)?.label ??
    UNKNOWN_CRITERION;
  const criteriaFired: SummaryCriterionFired[] = record.alerts
    .filter((a) => a.kind === 'criterion' && inPeriod(alertDay(a)))
    .map((a) => ({
      date: alertDay(a),
      criterionId: a.code,
      label: criterionLabel(a.code),
      severity: a.severity,
      severityLabel: severityLabels[a.severity],
      acknowledged: a.acknowledgedAt !== null,
    }))
    .sort((a, b) => a.date.localeCompare(b.date));

  const open = record.alerts.filter((a) => a.acknowledgedAt === null);

  const supports: SummarySupport[] = record.adjuncts
    .filter((a) => a.stoppedOn === null || a.stoppedOn > to)
    .map((a) => ({
      kind: a.kind,
      kindLabel: adjunctKindLabels[a.kind],
      name: a.name,
      startedOn: a.startedOn,
      notes: a.notes,
      rescue: a.kind === 'rescue-medication' ? rescueOf(a, to) : null,
    }));

  const careTeam: SummaryTeamMember[] = record.careTeam
    .map((m) => ({ name: m.name, discipline: m.discipline, disciplineLabel: disciplineLabels[m.discipline], prescriber: m.mayPrescribe }))
    .sort((a, b) => Number(b.prescriber) - Number(a.prescriber));

  return {
    title: 'Clinical summary',
    generatedOn: to,
    audience: record.audience,
    period: { from, to, days: SUMMARY_DAYS },
    patient: {
      name: record.patient.name,
      dateOfBirth: record.patient.dateOfBirth,
      conditions: record.patient.conditions,
      renalFunction: record.patient.renalFunction,
      renalFunctionLabel: renalLabels[record.patient.renalFunction],
      hasIntrathecalPump: record.patient.hasIntrathecalPump,
      pumpNotice: record.patient.hasIntrathecalPump ? PUMP_NOTICE : null,
    },
    plan: planOf(record),
    days,
    chart,
    screeners,
    redFlags,
    criteriaFired,
    openAlerts: open.length,
    openUrgentAlerts: open.filter((a) => a.severity === 'urgent').length,
    goals: goalsOf(record),
    supports,
    careTeam,
    footer: `Generated by Taperline on ${formatDate(to)}. A record of what was entered; clinical decisions rest with the care team.`,
  };
}
