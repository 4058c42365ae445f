// One row of the clinician's triage list, built from the facts the list's one statement reads about a patient.
import { addDays, daysBetween, localDate } from '~/lib/dates';
import { isDecisionDue } from '~/lib/decisions/due';
import { stepIndexOn } from '~/lib/taper';
import type { TaperStep } from '~/lib/taper/types';

export type TriageReason = 'urgent' | 'decision-due' | 'warning' | 'missed-check-in' | 'none';

export interface TriageRow {
  patientId: string;
  name: string;
  reason: TriageReason;
  urgent: number;
  warnings: number;
  info: number;
  planStatus: string | null;
  currentDailyMg: number | null;
  stepNumber: number | null;
  stepCount: number | null;
  stepDay: number | null;
  stepDays: number | null;
  stepEndsOn: string | null;
  lastCheckIn: string | null;
  daysSinceCheckIn: number | null;
  /** Spasticity on each of the last 14 days, oldest first, ending on the patient's today; null: no score that day. */
  spasticity: (number | null)[];
  hasIntrathecalPump: boolean;
  /** A step decision is due (also when an urgent alert puts the row under 'urgent'). */
  decisionDue: boolean;
  /** The latest weekly review, and whether it is newer than every check-in and alert: "reviewed" until new data arrives. */
  reviewedAt: Date | null;
  reviewed: boolean;
  /** The patient's local date of the latest weekly review or finalised MDT review. */
  lastReviewedOn: string | null;
  notReviewedForTwoWeeks: boolean;
  /** The patient wrote to the team and nobody on it has opened the conversation since. */
  unreadMessage: boolean;
  /**
   * Red flags raised on the patient's local today, acknowledged or not: an acknowledged one leaves the open
   * counts but the team still needs to see that it happened. `acknowledgedAt` is the latest acknowledgement
   * once every one of them is acknowledged, else null. Null when there was none today.
   */
  redFlagToday: { count: number; open: number; acknowledgedAt: Date | null } | null;
}

/** What the list reads about one patient. Timestamps may come as strings (one driver) or Dates (the other). */
export interface TriageFacts {
  patientId: string;
  name: string;
  timeZone: string;
  hasIntrathecalPump: boolean;
  /**
   * Open alerts by severity, and when the latest alert (open or not) was raised; `redFlags` holds the red
   * flags of (at least) the last day and a bit, each [raised, acknowledged or null], for the patient's today.
   */
  alerts: {
    urgent: number; warnings: number; info: number; lastAt: string | Date | null;
    redFlags?: [string | Date, string | Date | null][] | null;
  } | null;
  /** The latest check-in's day, and when it last changed. */
  lastCheckIn: { day: string; at: string | Date } | null;
  /** Spasticity by local date over (at least) the last 14 days. */
  spasticity: Record<string, number | null> | null;
  planId: string | null;
  planStatus: string | null;
  pausedOn: string | null;
  steps: Pick<TaperStep, 'index' | 'startDate' | 'endDate' | 'days' | 'dailyMg'>[] | null;
  currentDailyMg: number | null;
  /** The decisions on a running plan: [step index, the step's end date when decided]. */
  decided: [number, string][] | null;
  weeklyReviewAt: string | Date | null;
  mdtReviewAt: string | Date | null;
  /** The patient's conversation is unread for the team (absent: not read, taken as false). */
  unreadMessage?: boolean | null;
}

/** A patient with no weekly or MDT review for this many days is brought to the team's agenda. */
export const NOT_REVIEWED_DAYS = 14;

const order: Record<TriageReason, number> = { urgent: 0, 'decision-due': 1, warning: 2, 'missed-check-in': 3, none: 4 };

/** Most urgent first, then the most urgent alerts, then by name. */
export function compareTriageRows(x: TriageRow, y: TriageRow): number {
  return order[x.reason] - order[y.reason] || y.urgent - x.urgent || x.name.localeCompare(y.name);
}

function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The latest of some moments that may be missing. */
function latestOf(...dates: (Date | null | undefined)[]): Date | undefined {
  return dates.filter((d): d is Date => d instanceof Date).sort((x, y) => y.getTime() - x.getTime())[0];
}

/** The red flags raised on the patient's `today`, from the recent ones the list reads. */
function redFlagsOn(today: string, timeZone: string, recent: [unknown, unknown][] | null | undefined): TriageRow['redFlagToday'] {
  const raised = (recent ?? []).filter(([at]) => {
    const date = toDate(at);
    return date !== null && localDate(timeZone, date) === today;
  });
  if (raised.length === 0) return null;
  const acknowledged = raised.map(([, at]) => toDate(at));
  const open = acknowledged.filter((at) => at === null).length;
  return { count: raised.length, open, acknowledgedAt: open > 0 ? null : (latestOf(...acknowledged) ?? null) };
}

/** The 14 days ending on `today`, oldest first. */
export function spasticityWindow(today: string): string[] {
  return Array.from({ length: 14 }, (_, i) => addDays(today, i - 13));
}

/**
 * One row of the triage list. `windowOf` gives the 14 days ending on a date: a caller building many rows
 * may pass a cached one (the window depends only on the date).
 */
export function triageRow(p: TriageFacts, now: Date, windowOf: (today: string) => string[] = spasticityWindow): TriageRow {
  const today = localDate(p.timeZone, now);
  const a = p.alerts ? { ...p.alerts, lastAt: toDate(p.alerts.lastAt) } : undefined;
  const plan = p.planId && p.planStatus && p.steps ? { planId: p.planId, status: p.planStatus, pausedOn: p.pausedOn, steps: p.steps, currentDailyMg: p.currentDailyMg } : undefined;
  const last = p.lastCheckIn?.day ?? null;
  const running = plan && (plan.status === 'active' || plan.status === 'paused') && plan.steps.length > 0 && (plan.steps[0]?.startDate ?? today) <= today;
  // A paused patient holds the step they paused on, and its count of days stands still while paused.
  const onDay = plan?.status === 'paused' && plan.pausedOn ? plan.pausedOn : today;
  const index = running && plan ? stepIndexOn(plan.steps, onDay) : null;
  const step = plan && index !== null ? plan.steps[index] : undefined;
  const daysSince = last ? daysBetween(last, today) : null;
  const decided = (p.decided ?? []).some(([stepIndex, stepEndDate]) => step && stepIndex === step.index && stepEndDate === step.endDate);
  const decisionDue = Boolean(step && plan?.status === 'active' && isDecisionDue(today, step.endDate, decided));
  const missed = Boolean(running && (daysSince === null || daysSince >= 2));
  const reason: TriageReason = (a?.urgent ?? 0) > 0 ? 'urgent' : decisionDue ? 'decision-due' : (a?.warnings ?? 0) > 0 ? 'warning' : missed || (a?.info ?? 0) > 0 ? 'missed-check-in' : 'none';
  const byDate = p.spasticity;
  const reviewedAt = toDate(p.weeklyReviewAt);
  const newest = latestOf(toDate(p.lastCheckIn?.at), a?.lastAt);
  const lastReview = latestOf(reviewedAt, toDate(p.mdtReviewAt));
  const lastReviewedOn = lastReview ? localDate(p.timeZone, lastReview) : null;
  return {
    patientId: p.patientId,
    name: p.name,
    reason,
    urgent: a?.urgent ?? 0,
    warnings: a?.warnings ?? 0,
    info: a?.info ?? 0,
    planStatus: plan?.status ?? null,
    currentDailyMg: step ? step.dailyMg : (plan?.currentDailyMg ?? null),
    stepNumber: step ? step.index + 1 : null,
    stepCount: plan ? plan.steps.length : null,
    stepDay: step ? daysBetween(step.startDate, onDay) + 1 : null,
    stepDays: step ? step.days : null,
    stepEndsOn: step ? step.endDate : null,
    lastCheckIn: last,
    daysSinceCheckIn: daysSince,
    spasticity: windowOf(today).map((date) => byDate?.[date] ?? null),
    hasIntrathecalPump: p.hasIntrathecalPump,
    decisionDue,
    reviewedAt,
    reviewed: Boolean(reviewedAt && (!newest || newest < reviewedAt)),
    lastReviewedOn,
    notReviewedForTwoWeeks: lastReviewedOn === null || daysBetween(lastReviewedOn, today) >= NOT_REVIEWED_DAYS,
    unreadMessage: Boolean(p.unreadMessage),
    redFlagToday: redFlagsOn(today, p.timeZone, p.alerts?.redFlags),
  };
}
