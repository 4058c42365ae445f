// CSV exports of a record: one row per check-in day, and the steps of each plan as it stands. The same file for
// every reader, whatever their language: English column names, codes and decimal points, for the spreadsheets
// and scripts built on it (docs/architecture.md, "Exports and language").
import { stringify } from 'csv-stringify/sync';
import type { TakeItem } from '~/lib/taper/types';
import { formatMg, missedDosesOf, plannedMgOf, takenMgOf } from './summary';
import type { ExportCheckIn, ExportRecord } from './types';

/** Check-in columns, in order. The names are an interface (people build spreadsheets on them): add, never rename. */
export const checkInColumns = [
  'date', 'plan_version', 'step', 'planned_mg_day', 'taken_mg_day', 'doses_planned', 'doses_taken', 'doses_missed',
  'spasticity_0_10', 'spasm_frequency_penn_0_4', 'sleep_quality_0_10', 'sleep_hours_h', 'restlessness_0_10', 'anxiety_0_10',
  'mood_0_10', 'pain_0_10', 'headache_0_10', 'nausea_0_10', 'strength_mobility_0_10',
  'systolic_mmhg', 'diastolic_mmhg', 'heart_rate_bpm', 'phq2_total_0_6', 'gad2_total_0_6',
  'red_flags', 'stressors', 'activity', 'notes', 'revision',
] as const;
export type CheckInColumn = (typeof checkInColumns)[number];

/** Plan step columns, in order; stable like the check-in columns. */
export const planStepColumns = [
  'plan_id', 'plan_status', 'plan_version', 'step', 'start_date', 'end_date', 'days', 'daily_mg', 'cut_mg', 'cut_percent', 'doses', 'notes', 'above_cap',
] as const;
export type PlanStepColumn = (typeof planStepColumns)[number];

// A spreadsheet runs a cell that starts with =, +, -, @ (or a tab or CR before one) as a formula, so a
// patient's note like "=HYPERLINK(...)" would become a live link or command in a clinician's Excel
// (OWASP "CSV injection"). A leading apostrophe makes the spreadsheet show the text as text. Only the
// free-text cells get it: numbers and codes come from the app, and a number must stay a number. The
// full-width forms are included because Apple Numbers folds them into the ASCII ones.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function num(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : String(n);
}

function toCsv<C extends string>(columns: readonly C[], rows: Record<C, string>[]): string {
  // RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote or a line break. The BOM is
  // what makes Excel read the file as UTF-8 rather than the machine's code page.
  return stringify(rows, { header: true, columns: columns.map((key) => ({ key, header: key })), bom: true, record_delimiter: 'windows' });
}

function dosesPlannedText(c: ExportCheckIn): string {
  return c.doses.flatMap((d) => (d.plannedMg === null ? [] : [`${d.time} ${formatMg(d.plannedMg)} mg`])).join('; ');
}

function dosesTakenText(c: ExportCheckIn): string {
  return c.doses.map((d) => (d.status === 'missed' || d.takenMg === null ? `${d.time} missed` : `${d.time} ${formatMg(d.takenMg)} mg`)).join('; ');
}

const total = (items: readonly number[] | null) => (items === null ? null : items.reduce((a, b) => a + b, 0));

export function checkInRow(c: ExportCheckIn): Record<CheckInColumn, string> {
  return {
    date: c.localDate,
    plan_version: num(c.planVersion),
    step: c.stepIndex === null ? '' : String(c.stepIndex + 1),
    planned_mg_day: num(plannedMgOf(c)),
    taken_mg_day: num(takenMgOf(c)),
    doses_planned: dosesPlannedText(c),
    doses_taken: dosesTakenText(c),
    doses_missed: String(missedDosesOf(c)),
    spasticity_0_10: num(c.spasticity),
    spasm_frequency_penn_0_4: num(c.spasmFrequency),
    sleep_quality_0_10: num(c.sleepQuality),
    sleep_hours_h: num(c.sleepHours),
    restlessness_0_10: num(c.restlessness),
    anxiety_0_10: num(c.anxiety),
    mood_0_10: num(c.mood),
    pain_0_10: num(c.pain),
    headache_0_10: num(c.headache),
    nausea_0_10: num(c.nausea),
    strength_mobility_0_10: num(c.strengthMobility),
    systolic_mmhg: num(c.systolic),
    diastolic_mmhg: num(c.diastolic),
    heart_rate_bpm: num(c.heartRate),
    phq2_total_0_6: num(total(c.phq2)),
    gad2_total_0_6: num(total(c.gad2)),
    red_flags: c.redFlags.join('; '),
    stressors: neutraliseFormula(c.stressors),
    activity: neutraliseFormula(c.activity),
    notes: neutraliseFormula(c.notes),
    revision: String(c.revision),
  };
}

/** One row per check-in day, oldest first. */
export function checkInsCsv(record: Pick<ExportRecord, 'checkIns'>): string {
  const rows = [...record.checkIns].sort((a, b) => a.localDate.localeCompare(b.localDate)).map(checkInRow);
  return toCsv(checkInColumns, rows);
}

function pieces(halves: number): string {
  const whole = Math.floor(halves / 2);
  if (halves % 2 === 0) return String(whole);
  return whole === 0 ? '½' : `${whole}½`;
}

/** What to take at one time, in the printed schedule's words ("1½ × 5 mg tablets", "2.5 mL of 1 mg/mL liquid"). */
export function takeText(take: readonly TakeItem[]): string {
  if (take.length === 0) return 'nothing';
  return take
    .map((t) =>
      t.kind === 'tablet'
        ? `${pieces(t.halves)} × ${formatMg(t.strengthMg)} mg ${t.halves <= 2 ? 'tablet' : 'tablets'}`
        : `${formatMg(t.ml)} mL of ${formatMg(t.mgPerMl)} mg/mL liquid`,
    )
    .join(' + ');
}

/** The steps of each plan's current (last) version, one row per step. */
export function planStepsCsv(record: Pick<ExportRecord, 'plans'>): string {
  const rows: Record<PlanStepColumn, string>[] = record.plans.flatMap((plan) => {
    const version = plan.versions.at(-1);
    if (!version) return [];
    return version.steps.map((step, i) => {
      const before = i === 0 ? version.input.currentDailyMg : (version.steps[i - 1]?.dailyMg ?? version.input.currentDailyMg);
      const percent = before > 0 ? Math.round((step.cutMg / before) * 1000) / 10 : null;
      return {
        plan_id: plan.id,
        plan_status: plan.status,
        plan_version: String(version.version),
        step: String(step.index + 1),
        start_date: step.startDate,
        end_date: step.endDate,
        days: String(step.days),
        daily_mg: formatMg(step.dailyMg),
        cut_mg: formatMg(step.cutMg),
        cut_percent: num(percent),
        doses: step.doses.filter((d) => d.mg > 0).map((d) => `${d.time} ${formatMg(d.mg)} mg (${takeText(d.take)})`).join('; '),
        notes: step.notes.join('; '),
        above_cap: step.notes.includes('above-cap') ? 'yes' : 'no',
      };
    });
  });
  return toCsv(planStepColumns, rows);
}
