// Milestones: recorded by the system inside the transactions that can reach them (a check-in, a goal
// achieved), listed for the patient and their team, and dismissed by the patient once celebrated.
import 'server-only';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '~/db';
import { alerts, checkIns, goals, milestones, patientProfiles, taperPlans, taperPlanVersions } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { AppError } from '~/server/errors';
import { localDate } from '~/lib/dates';
import type { TaperInput, TaperStep } from '~/lib/taper';
import { detectMilestones, type DetectorPlan, type MilestoneDetails } from '~/lib/milestones/detect';
import { patientTimeZone } from '~/server/patients/clock';
import type { markSeenInput } from '~/lib/milestones/inputs';

/** The plan whose dates say what the patient did: the one running, or else the latest completed one. */
async function detectorPlan(tx: DbOrTx, patientId: string, timeZone: string): Promise<DetectorPlan | null> {
  const [plan] = await tx
    .select({
      id: taperPlans.id,
      status: taperPlans.status,
      updatedAt: taperPlans.updatedAt,
      input: taperPlanVersions.input,
      steps: taperPlanVersions.steps,
      // "Halfway" is measured from where the taper began, not from where a later adjustment restarted it.
      startDailyMg: firstVersionDailyMg(taperPlans.id),
    })
    .from(taperPlans)
    .innerJoin(taperPlanVersions, and(eq(taperPlanVersions.planId, taperPlans.id), eq(taperPlanVersions.version, taperPlans.version)))
    .where(and(eq(taperPlans.patientId, patientId), inArray(taperPlans.status, ['active', 'paused', 'completed'])))
    .orderBy(desc(inArray(taperPlans.status, ['active', 'paused'])), desc(taperPlans.updatedAt))
    .limit(1);
  if (!plan || plan.startDailyMg === null) return null;
  return toDetectorPlan({ ...plan, startDailyMg: plan.startDailyMg }, timeZone);
}

/** The first version's starting daily dose of a plan, as a column of the plan's row. */
export function firstVersionDailyMg(planId: AnyPgColumn) {
  return sql<number | null>`(select (v1.input->>'currentDailyMg')::float8 from ${taperPlanVersions} v1 where v1.plan_id = ${planId} and v1.version = 1)`.mapWith(
    (v: unknown) => (v === null ? null : Number(v)),
  );
}

/** A plan row as the detector sees it. */
export function toDetectorPlan(
  plan: { id: string; status: DetectorPlan['status']; updatedAt: Date; input: TaperInput; steps: TaperStep[]; startDailyMg: number },
  timeZone: string,
): DetectorPlan {
  return {
    planId: plan.id,
    status: plan.status,
    steps: plan.steps.map((s) => ({ index: s.index, startDate: s.startDate, endDate: s.endDate, dailyMg: s.dailyMg })),
    startDailyMg: plan.startDailyMg,
    targetDailyMg: plan.input.targetDailyMg,
    // A completed plan is final, so its last update is when it was completed.
    completedOn: plan.status === 'completed' ? localDate(timeZone, plan.updatedAt) : null,
  };
}

/** What the caller already read in its transaction, so it is not read twice. */
export interface MilestoneContext {
  timeZone: string;
  /** The running plan (active or paused) as the detector sees it; left out, it is looked up. */
  runningPlan?: DetectorPlan;
}

/**
 * Records every milestone the patient has reached by `today` that is not recorded yet. Call it inside the
 * transaction of the change that may reach one; repeated calls record nothing new (dedupe keys).
 */
export async function recordMilestones(tx: Tx, patientId: string, today: string, known?: MilestoneContext): Promise<number> {
  const timeZone = known?.timeZone ?? (await patientTimeZone(tx, patientId));
  const [plan, [history]] = await Promise.all([
    known?.runningPlan ?? detectorPlan(tx, patientId, timeZone),
    // What the detector reads, in one statement (one row of three lists, on the patient's profile row):
    // - every check-in day, flagged when it reported a red flag or raised a red-flag alert (a pattern);
    // - the achieved goals;
    // - what is already recorded: the detector finds every milestone of the whole history each time, and
    //   sending thirty rows to be refused by the unique index cost more than reading their keys.
    tx
      .select({
        days: sql<[string, boolean][]>`(select coalesce(json_agg(json_build_array(c.local_date, cardinality(c.red_flags) > 0 or c.local_date = any(array(
            select fc.local_date from ${alerts} a join ${checkIns} fc on fc.id = a.check_in_id where a.patient_id = ${patientId} and a.kind = 'red-flag')))), '[]')
          from ${checkIns} c where c.patient_id = ${patientId})`,
        achieved: sql<{ id: string; title: string; updatedAt: string }[]>`(select coalesce(json_agg(json_build_object('id', g.id, 'title', g.title, 'updatedAt', g.updated_at)), '[]')
          from ${goals} g where g.patient_id = ${patientId} and g.status = 'achieved')`,
        recorded: sql<string[]>`(select coalesce(json_agg(m.dedupe_key), '[]') from ${milestones} m where m.patient_id = ${patientId})`,
      })
      .from(patientProfiles)
      .where(eq(patientProfiles.patientId, patientId)),
  ]);
  if (!history) return 0;
  const due = detectMilestones({
    today,
    plan,
    checkInDays: history.days.map(([day, redFlag]) => ({ localDate: day, redFlag })),
    // An achieved goal is final (never edited again), so the day it was marked is its updatedAt.
    achievedGoals: history.achieved.map((g) => ({ goalId: g.id, title: g.title, achievedOn: localDate(timeZone, new Date(g.updatedAt)) })),
  });
  const seen = new Set(history.recorded);
  const fresh = due.filter((m) => !seen.has(m.dedupeKey));
  if (fresh.length === 0) return 0;
  // The unique index still decides: a milestone recorded by a concurrent transaction is skipped here too.
  const inserted = await tx
    .insert(milestones)
    .values(fresh.map((m) => ({ patientId, kind: m.kind, dedupeKey: m.dedupeKey, achievedOn: m.achievedOn, details: m.details })))
    .onConflictDoNothing({ target: [milestones.patientId, milestones.dedupeKey] })
    .returning({ id: milestones.id, kind: milestones.kind, achievedOn: milestones.achievedOn });
  for (const row of inserted) {
    await writeAudit(tx, null, { action: 'milestone.record', entityType: 'milestone', entityId: row.id, patientId, after: { kind: row.kind, achievedOn: row.achievedOn } });
  }
  return inserted.length;
}

export interface MilestoneView {
  id: string;
  kind: (typeof milestones.$inferSelect)['kind'];
  achievedOn: string;
  details: MilestoneDetails;
  seenAt: Date | null;
}

/** The patient's milestones, newest first. */
export async function listMilestones(db: DbOrTx, patientId: string): Promise<MilestoneView[]> {
  const rows = await db
    .select({ id: milestones.id, kind: milestones.kind, achievedOn: milestones.achievedOn, details: milestones.details, seenAt: milestones.seenAt })
    .from(milestones)
    .where(eq(milestones.patientId, patientId))
    .orderBy(desc(milestones.achievedOn), desc(milestones.createdAt))
    .limit(500);
  return rows.map((r) => ({ ...r, details: r.details as MilestoneDetails }));
}

/** The patient dismisses celebrations; an id that is not one of theirs refuses the whole call. */
export async function markMilestonesSeen(db: Db, actor: Actor, input: z.output<typeof markSeenInput>, now = new Date()) {
  const ids = [...new Set(input.milestoneIds)];
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: milestones.id }).from(milestones).where(and(eq(milestones.patientId, input.patientId), inArray(milestones.id, ids)));
    if (existing.length < ids.length) throw new AppError('NOT_FOUND', 'milestones.notFound');
    const updated = await tx
      .update(milestones)
      .set({ seenAt: now })
      .where(and(eq(milestones.patientId, input.patientId), inArray(milestones.id, ids), isNull(milestones.seenAt)))
      .returning({ id: milestones.id });
    // Dismissing twice (two tabs) is harmless: nothing left to mark, nothing to record.
    if (updated.length === 0) return { seen: 0 };
    await writeAudit(tx, actor, { action: 'milestone.seen', entityType: 'milestone', entityId: updated.length === 1 ? updated[0]?.id : null, patientId: input.patientId, after: { ids: updated.map((u) => u.id) } });
    return { seen: updated.length };
  });
}
