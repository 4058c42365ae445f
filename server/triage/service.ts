// The clinician's triage list: every patient on their care teams, most urgent first, built from a fixed
// few indexed queries however many patients there are (no query per row).
import { and, asc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/db';
import { alerts, careTeamMembers, checkIns, patientProfiles, stepDecisions, taperPlans, taperPlanVersions, users } from '~/db/schema';
import { localDate } from '~/server/plans/service';
import { addDays, daysBetween, stepIndexOn, type TaperStep } from '~/server/taper';

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
  spasticity: { date: string; value: number | null }[];
  hasIntrathecalPump: boolean;
}

/** The fields of a plan step the list reads. */
type TriageStep = Pick<TaperStep, 'index' | 'startDate' | 'endDate' | 'days' | 'dailyMg'>;

const order: Record<TriageReason, number> = { urgent: 0, 'decision-due': 1, warning: 2, 'missed-check-in': 3, none: 4 };

/** The ids of the clinician's patients (one indexed query). */
export async function listMyPatientIds(db: DbOrTx, clinicianId: string): Promise<string[]> {
  const rows = await db.select({ patientId: careTeamMembers.patientId }).from(careTeamMembers).where(eq(careTeamMembers.clinicianId, clinicianId));
  return rows.map((r) => r.patientId);
}

export async function triageList(db: DbOrTx, clinicianId: string, now = new Date()): Promise<TriageRow[]> {
  const patients = await db
    .select({ patientId: users.id, name: users.name, timeZone: users.timeZone, hasIntrathecalPump: patientProfiles.hasIntrathecalPump })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.patientId))
    .innerJoin(patientProfiles, eq(patientProfiles.patientId, careTeamMembers.patientId))
    .where(eq(careTeamMembers.clinicianId, clinicianId));
  if (patients.length === 0) return [];
  const ids = patients.map((p) => p.patientId);
  // The earliest "today" of any patient bounds the 14-day window; each row then uses its own date.
  const earliest = patients.map((p) => localDate(p.timeZone, now)).sort()[0] ?? localDate('UTC', now);

  const [openAlerts, lastCheckIns, recent, plans, decided] = await Promise.all([
    db
      .select({
        patientId: alerts.patientId,
        urgent: sql<number>`count(*) filter (where ${alerts.severity} = 'urgent')`.mapWith(Number),
        warnings: sql<number>`count(*) filter (where ${alerts.severity} = 'warning')`.mapWith(Number),
        info: sql<number>`count(*) filter (where ${alerts.severity} = 'info')`.mapWith(Number),
      })
      .from(alerts)
      .where(and(inArray(alerts.patientId, ids), isNull(alerts.acknowledgedAt)))
      .groupBy(alerts.patientId),
    // One index probe per patient for the latest day; a max() over the IN list read every check-in they ever sent.
    // (Drizzle leaves columns unqualified in a one-table select, so the correlation is spelled out.)
    db
      .select({
        patientId: careTeamMembers.patientId,
        last: sql<string | null>`(select max(c.local_date) from ${checkIns} c where c.patient_id = ${careTeamMembers}.patient_id)`,
      })
      .from(careTeamMembers)
      .where(eq(careTeamMembers.clinicianId, clinicianId)),
    db
      .select({ patientId: checkIns.patientId, date: checkIns.localDate, value: checkIns.spasticity })
      .from(checkIns)
      .where(and(inArray(checkIns.patientId, ids), gte(checkIns.localDate, addDays(earliest, -14))))
      .orderBy(asc(checkIns.localDate)),
    db
      .select({
        planId: taperPlans.id,
        patientId: taperPlans.patientId,
        status: taperPlans.status,
        pausedOn: taperPlans.pausedOn,
        // Each step without its doses and tablets, and the one input field read: whole plans for 200
        // patients were most of a triage read's time, spent decoding JSON the list never shows.
        steps: sql<TriageStep[]>`(select coalesce(jsonb_agg(jsonb_build_object('index', s->'index', 'startDate', s->'startDate', 'endDate', s->'endDate', 'days', s->'days', 'dailyMg', s->'dailyMg') order by o), '[]'::jsonb) from jsonb_array_elements(${taperPlanVersions.steps}) with ordinality as e(s, o))`,
        currentDailyMg: sql<number>`(${taperPlanVersions.input}->>'currentDailyMg')::float8`.mapWith(Number),
      })
      .from(taperPlans)
      .innerJoin(taperPlanVersions, and(eq(taperPlanVersions.planId, taperPlans.id), eq(taperPlanVersions.version, taperPlans.version)))
      .where(and(inArray(taperPlans.patientId, ids), inArray(taperPlans.status, ['draft', 'proposed', 'agreed', 'active', 'paused']))),
    // The decisions on the running plans, however old the step: a last step can end long before anyone decides.
    db
      .select({ planId: stepDecisions.planId, stepIndex: stepDecisions.stepIndex, stepEndDate: stepDecisions.stepEndDate })
      .from(stepDecisions)
      .innerJoin(taperPlans, eq(taperPlans.id, stepDecisions.planId))
      .where(and(inArray(stepDecisions.patientId, ids), eq(taperPlans.status, 'active'))),
  ]);
  const decidedSteps = new Set(decided.map((d) => `${d.planId}:${d.stepIndex}:${d.stepEndDate}`));

  const alertsBy = new Map(openAlerts.map((a) => [a.patientId, a]));
  const lastBy = new Map(lastCheckIns.flatMap((c) => (c.last ? [[c.patientId, c.last] as const] : [])));
  const planBy = new Map(plans.map((p) => [p.patientId, p]));
  const recentBy = new Map<string, { date: string; value: number | null }[]>();
  for (const r of recent) {
    const list = recentBy.get(r.patientId) ?? [];
    list.push({ date: r.date, value: r.value });
    recentBy.set(r.patientId, list);
  }

  // The 14-day window depends only on the patient's date: made once per date, not once per patient.
  const windows = new Map<string, string[]>();
  const windowOf = (today: string) => {
    let window = windows.get(today);
    if (!window) {
      window = Array.from({ length: 14 }, (_, i) => addDays(today, i - 13));
      windows.set(today, window);
    }
    return window;
  };

  const rows = patients.map((p): TriageRow => {
    const today = localDate(p.timeZone, now);
    const a = alertsBy.get(p.patientId);
    const plan = planBy.get(p.patientId);
    const last = lastBy.get(p.patientId) ?? null;
    const running = plan && (plan.status === 'active' || plan.status === 'paused') && plan.steps.length > 0 && (plan.steps[0]?.startDate ?? today) <= today;
    // A paused patient holds the step they paused on, and its count of days stands still while paused.
    const onDay = plan?.status === 'paused' && plan.pausedOn ? plan.pausedOn : today;
    const index = running && plan ? stepIndexOn(plan.steps, onDay) : null;
    const step = plan && index !== null ? plan.steps[index] : undefined;
    const daysSince = last ? daysBetween(last, today) : null;
    // A decision is due in the last two days of a running step (or after it, if nobody moved on).
    const decisionDue = Boolean(
      step && plan?.status === 'active' && daysBetween(today, step.endDate) <= 1 && !decidedSteps.has(`${plan.planId}:${step.index}:${step.endDate}`),
    );
    const missed = Boolean(running && (daysSince === null || daysSince >= 2));
    const reason: TriageReason = (a?.urgent ?? 0) > 0 ? 'urgent' : decisionDue ? 'decision-due' : (a?.warnings ?? 0) > 0 ? 'warning' : missed || (a?.info ?? 0) > 0 ? 'missed-check-in' : 'none';
    const window = windowOf(today);
    const byDate = new Map((recentBy.get(p.patientId) ?? []).map((r) => [r.date, r.value]));
    return {
      patientId: p.patientId,
      name: p.name,
      reason,
      urgent: a?.urgent ?? 0,
      warnings: a?.warnings ?? 0,
      info: a?.info ?? 0,
      planStatus: plan?.status ?? null,
      currentDailyMg: step ? step.dailyMg : plan ? plan.currentDailyMg : null,
      stepNumber: step ? step.index + 1 : null,
      stepCount: plan ? plan.steps.length : null,
      stepDay: step ? daysBetween(step.startDate, onDay) + 1 : null,
      stepDays: step ? step.days : null,
      stepEndsOn: step ? step.endDate : null,
      lastCheckIn: last,
      daysSinceCheckIn: daysSince,
      spasticity: window.map((date) => ({ date, value: byDate.get(date) ?? null })),
      hasIntrathecalPump: p.hasIntrathecalPump,
    };
  });
  return rows.sort((x, y) => order[x.reason] - order[y.reason] || y.urgent - x.urgent || x.name.localeCompare(y.name));
}
