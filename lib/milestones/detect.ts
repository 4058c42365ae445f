// The milestone detector: from a plan's steps, the check-in days, achieved goals and today's local date,
// which milestones are due, each with a dedupe key that stays the same however often it is asked. Pure.
import { addDays } from '~/lib/dates';

export type MilestoneKind = 'step-completed' | 'week-without-red-flags' | 'halfway-to-target' | 'taper-completed' | 'goal-achieved';

export interface DetectorStep {
  index: number;
  startDate: string;
  /** Inclusive. */
  endDate: string;
  dailyMg: number;
}

export interface DetectorPlan {
  planId: string;
  status: 'draft' | 'proposed' | 'agreed' | 'active' | 'paused' | 'completed' | 'stopped';
  steps: DetectorStep[];
  /** The daily dose before the first reduction (the first version's starting dose). */
  startDailyMg: number;
  targetDailyMg: number;
  /** The local date a completed plan was marked completed (it may be before its last step's start). */
  completedOn: string | null;
}

export interface DetectorCheckInDay {
  localDate: string;
  /** True when the day's check-in reported a red flag or raised a red-flag alert (a pattern). */
  redFlag: boolean;
}

export interface DetectorGoal {
  goalId: string;
  title: string;
  /** The patient's local date the goal was marked achieved. */
  achievedOn: string;
}

export interface DetectorInput {
  today: string;
  plan: DetectorPlan | null;
  checkInDays: DetectorCheckInDay[];
  achievedGoals: DetectorGoal[];
}

export type MilestoneDetails =
  | { kind: 'step-completed'; planId: string; stepIndex: number; dailyMg: number }
  | { kind: 'week-without-red-flags'; from: string; to: string }
  | { kind: 'halfway-to-target'; planId: string; dailyMg: number; startDailyMg: number; targetDailyMg: number }
  | { kind: 'taper-completed'; planId: string; targetDailyMg: number }
  | { kind: 'goal-achieved'; goalId: string; title: string };

export interface DueMilestone {
  kind: MilestoneKind;
  dedupeKey: string;
  achievedOn: string;
  details: MilestoneDetails;
}

/** Plans whose dates describe what the patient actually did (a paused plan's dates are on hold). */
const runningOrDone = new Set<DetectorPlan['status']>(['active', 'completed']);

function planMilestones(plan: DetectorPlan, today: string): DueMilestone[] {
  if (!runningOrDone.has(plan.status) || plan.steps.length === 0) return [];
  const out: DueMilestone[] = [];
  const steps = [...plan.steps].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  const last = steps[steps.length - 1];

  for (const step of steps) {
    // The final step at the target has no "end" to celebrate: reaching it is the taper's completion.
    if (step === last) continue;
    if (step.endDate >= today) continue;
    out.push({
      kind: 'step-completed',
      // Keyed by the step's start and dose, not its index or end: extending or renumbering later steps
      // must not make an already celebrated step count again.
      dedupeKey: `step-completed:${plan.planId}:${step.startDate}:${step.dailyMg}`,
      achievedOn: addDays(step.endDate, 1),
      details: { kind: 'step-completed', planId: plan.planId, stepIndex: step.index, dailyMg: step.dailyMg },
    });
  }

  const span = plan.startDailyMg - plan.targetDailyMg;
  if (span > 0) {
    const halfway = plan.startDailyMg - span / 2;
    const reached = steps.find((s) => s.startDate <= today && s.dailyMg <= halfway);
    if (reached) {
      out.push({
        kind: 'halfway-to-target',
        dedupeKey: `halfway-to-target:${plan.planId}`,
        achievedOn: reached.startDate,
        details: { kind: 'halfway-to-target', planId: plan.planId, dailyMg: reached.dailyMg, startDailyMg: plan.startDailyMg, targetDailyMg: plan.targetDailyMg },
      });
    }
  }

  const completedOn = plan.status === 'completed' && plan.completedOn !== null && plan.completedOn <= today ? plan.completedOn : null;
  if (last && last.dailyMg <= plan.targetDailyMg && (last.startDate <= today || completedOn !== null)) {
    out.push({
      kind: 'taper-completed',
      dedupeKey: `taper-completed:${plan.planId}`,
      achievedOn: completedOn !== null && completedOn < last.startDate ? completedOn : last.startDate,
      details: { kind: 'taper-completed', planId: plan.planId, targetDailyMg: plan.targetDailyMg },
    });
  }
  return out;
}

/**
 * Weeks without red flags: runs of consecutive check-in days with no red flag, cut into 7-day blocks from
 * the run's first day. Only finished days count (before today), so a correction of today's check-in
 * cannot take back a week already celebrated. Each block is celebrated once, keyed by its first day.
 */
function weekMilestones(days: DetectorCheckInDay[], today: string): DueMilestone[] {
  const flagged = new Set(days.filter((d) => d.redFlag).map((d) => d.localDate));
  const clean = [...new Set(days.filter((d) => d.localDate < today).map((d) => d.localDate))].filter((d) => !flagged.has(d)).sort();
  const out: DueMilestone[] = [];
  let runStart: string | null = null;
  let previous: string | null = null;
  let length = 0;
  for (const day of clean) {
    if (previous === null || addDays(previous, 1) !== day) {
      runStart = day;
      length = 0;
    }
    length++;
    previous = day;
    if (runStart !== null && length % 7 === 0) {
      const from = addDays(runStart, length - 7);
      out.push({ kind: 'week-without-red-flags', dedupeKey: `week-without-red-flags:${from}`, achievedOn: day, details: { kind: 'week-without-red-flags', from, to: day } });
    }
  }
  return out;
}

function goalMilestones(goals: DetectorGoal[], today: string): DueMilestone[] {
  return goals.map((g) => ({
    kind: 'goal-achieved' as const,
    dedupeKey: `goal-achieved:${g.goalId}`,
    achievedOn: g.achievedOn <= today ? g.achievedOn : today,
    details: { kind: 'goal-achieved' as const, goalId: g.goalId, title: g.title },
  }));
}

/** Every milestone reached by `today`, oldest first; recording them is idempotent through the dedupe keys. */
export function detectMilestones(input: DetectorInput): DueMilestone[] {
  const all = [
    ...(input.plan ? planMilestones(input.plan, input.today) : []),
    ...weekMilestones(input.checkInDays, input.today),
    ...goalMilestones(input.achievedGoals, input.today),
  ];
  const byKey = new Map<string, DueMilestone>();
  for (const m of all) if (!byKey.has(m.dedupeKey)) byKey.set(m.dedupeKey, m);
  return [...byKey.values()].sort((a, b) => (a.achievedOn < b.achievedOn ? -1 : a.achievedOn > b.achievedOn ? 1 : a.dedupeKey.localeCompare(b.dedupeKey)));
}
