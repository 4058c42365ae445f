// Milestones: recorded by the system inside the transactions that can reach them (a check-in, a goal
// achieved), listed for the patient and their team, and dismissed by the patient once celebrated.
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '~/db';
import { alerts, checkIns, goals, milestones, taperPlans, taperPlanVersions } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { AppError } from '~/server/errors';
import { localDate } from '~/server/plans/service';
import { uuidSchema } from '~/server/shared/validation';
import { detectMilestones, type DetectorPlan, type MilestoneDetails } from './detect';
import { patientTimeZone } from '~/server/patients/clock';

export const listMilestonesInput = z.strictObject({ patientId: uuidSchema });
export const markSeenInput = z.strictObject({
  patientId: uuidSchema,
  milestoneIds: z.array(uuidSchema).min(1, 'Choose at least one milestone.').max(100, 'At most 100 at a time.'),
});



/** The plan whose dates say what the patient did: the one running, or else the latest completed one. */
async function detectorPlan(tx: DbOrTx, patientId: string, timeZone: string): Promise<DetectorPlan | null> {
  const [plan] = await tx
    .select({ id: taperPlans.id, status: taperPlans.status, version: taperPlans.version, updatedAt: taperPlans.updatedAt })
    .from(taperPlans)
    .where(and(eq(taperPlans.patientId, patientId), inArray(taperPlans.status, ['active', 'paused', 'completed'])))
    .orderBy(desc(inArray(taperPlans.status, ['active', 'paused'])), desc(taperPlans.updatedAt))
    .limit(1);
  if (!plan) return null;
  const versions = await tx
    .select({ version: taperPlanVersions.version, input: taperPlanVersions.input, steps: taperPlanVersions.steps })
    .from(taperPlanVersions)
    .where(and(eq(taperPlanVersions.planId, plan.id), inArray(taperPlanVersions.version, [1, plan.version])));
  const first = versions.find((v) => v.version === 1);
  const current = versions.find((v) => v.version === plan.version);
  if (!first || !current) return null;
  return {
    planId: plan.id,
    status: plan.status,
    steps: current.steps.map((s) => ({ index: s.index, startDate: s.startDate, endDate: s.endDate, dailyMg: s.dailyMg })),
    // "Halfway" is measured from where the taper began, not from where a later adjustment restarted it.
    startDailyMg: first.input.currentDailyMg,
    targetDailyMg: current.input.targetDailyMg,
    // A completed plan is final, so its last update is when it was completed.
    completedOn: plan.status === 'completed' ? localDate(timeZone, plan.updatedAt) : null,
  };
}

/**
 * Records every milestone the patient has reached by `today` that is not recorded yet. Call it inside the
 * transaction of the change that may reach one; repeated calls record nothing new (dedupe keys).
 */
export async function recordMilestones(tx: Tx, patientId: string, today: string): Promise<number> {
  const timeZone = await patientTimeZone(tx, patientId);
  const [plan, days, flaggedByAlert, achieved] = await Promise.all([
    detectorPlan(tx, patientId, timeZone),
    tx.select({ localDate: checkIns.localDate, redFlags: checkIns.redFlags }).from(checkIns).where(eq(checkIns.patientId, patientId)),
    tx
      .select({ localDate: checkIns.localDate })
      .from(alerts)
      .innerJoin(checkIns, eq(checkIns.id, alerts.checkInId))
      .where(and(eq(alerts.patientId, patientId), eq(alerts.kind, 'red-flag'))),
    tx.select({ id: goals.id, title: goals.title, updatedAt: goals.updatedAt }).from(goals).where(and(eq(goals.patientId, patientId), eq(goals.status, 'achieved'))),
  ]);
  const alertDays = new Set(flaggedByAlert.map((r) => r.localDate));
  const due = detectMilestones({
    today,
    plan,
    checkInDays: days.map((d) => ({ localDate: d.localDate, redFlag: d.redFlags.length > 0 || alertDays.has(d.localDate) })),
    // An achieved goal is final (never edited again), so the day it was marked is its updatedAt.
    achievedGoals: achieved.map((g) => ({ goalId: g.id, title: g.title, achievedOn: localDate(timeZone, g.updatedAt) })),
  });
  if (due.length === 0) return 0;
  const inserted = await tx
    .insert(milestones)
    .values(due.map((m) => ({ patientId, kind: m.kind, dedupeKey: m.dedupeKey, achievedOn: m.achievedOn, details: m.details })))
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
    if (existing.length < ids.length) throw new AppError('NOT_FOUND', 'This milestone was not found.');
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
