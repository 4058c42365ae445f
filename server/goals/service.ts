// Measurable goals per patient: the care team sets, revises (a new goal naming the old) and closes them;
// the patient and the team record progress. Saves name the version they started from (stale: CONFLICT).
import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '~/db';
import { goalProgress, goals, users } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { AppError } from '~/server/errors';
import { em } from '~/i18n/errors';
import { recordMilestones } from '~/server/milestones/service';
import { patientToday } from '~/server/patients/clock';
import { addDays } from '~/lib/dates';
import type { createGoalInput, goalFields, reviseGoalInput, setGoalStatusInput, recordProgressInput } from '~/lib/goals/inputs';


type GoalFields = { [K in keyof typeof goalFields]: z.output<(typeof goalFields)[K]> };

async function checkDueDate(tx: DbOrTx, patientId: string, dueOn: string | null) {
  if (dueOn === null) return;
  const today = await patientToday(tx, patientId);
  if (dueOn < today) throw new AppError('BAD_REQUEST', 'goals.dueInPast', { dueOn: ['goals.dueInPast'] });
}

function fieldsOf(input: GoalFields) {
  return { title: input.title, measure: input.measure, target: input.target, targetValue: input.targetValue, targetUnit: input.targetUnit, dueOn: input.dueOn };
}

export async function createGoal(db: Db, actor: Actor, input: z.output<typeof createGoalInput>) {
  return db.transaction(async (tx) => {
    await checkDueDate(tx, input.patientId, input.dueOn);
    const [row] = await tx.insert(goals).values({ patientId: input.patientId, ...fieldsOf(input), createdBy: actor.id }).returning();
    if (!row) throw new AppError('UNAVAILABLE', 'goals.notSaved');
    await writeAudit(tx, actor, { action: 'goal.create', entityType: 'goal', entityId: row.id, patientId: input.patientId, after: fieldsOf(input) });
    return { goalId: row.id, version: row.version, status: row.status };
  });
}

/**
 * Moves an active goal on from `expectedVersion`: the update only matches that version, so of two
 * clinicians saving at once, the second gets CONFLICT and changes nothing.
 */
async function closeGoal(tx: Tx, patientId: string, goalId: string, expectedVersion: number, status: 'achieved' | 'revised' | 'dropped', reason: string, now: Date) {
  const [updated] = await tx
    .update(goals)
    .set({ status, statusReason: reason, version: expectedVersion + 1, updatedAt: now })
    .where(and(eq(goals.id, goalId), eq(goals.patientId, patientId), eq(goals.version, expectedVersion), eq(goals.status, 'active')))
    .returning();
  if (updated) return updated;
  const [current] = await tx.select({ version: goals.version, status: goals.status }).from(goals).where(and(eq(goals.id, goalId), eq(goals.patientId, patientId)));
  if (!current) throw new AppError('NOT_FOUND', 'goals.notFound');
  if (current.version !== expectedVersion) {
    throw new AppError('CONFLICT', 'goals.stale', undefined, { version: current.version });
  }
  throw new AppError('CONFLICT', em('goals.notActive', { status: current.status }), undefined, { version: current.version });
}

/** A revision is a new goal naming the old one; the old one becomes 'revised'. One transaction. */
export async function reviseGoal(db: Db, actor: Actor, input: z.output<typeof reviseGoalInput>, now = new Date()) {
  return db.transaction(async (tx) => {
    await checkDueDate(tx, input.patientId, input.dueOn);
    const old = await closeGoal(tx, input.patientId, input.goalId, input.expectedVersion, 'revised', input.reason, now);
    const [row] = await tx
      .insert(goals)
      .values({ patientId: input.patientId, ...fieldsOf(input), revisesGoalId: old.id, createdBy: actor.id, createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new AppError('UNAVAILABLE', 'goals.notSaved');
    await writeAudit(tx, actor, {
      action: 'goal.revise',
      entityType: 'goal',
      entityId: row.id,
      patientId: input.patientId,
      before: { goalId: old.id, title: old.title, measure: old.measure, target: old.target, targetValue: old.targetValue, targetUnit: old.targetUnit, dueOn: old.dueOn, version: input.expectedVersion },
      after: { ...fieldsOf(input), revisesGoalId: old.id, reason: input.reason },
    });
    return { goalId: row.id, version: row.version, status: row.status, revisedGoalId: old.id };
  });
}

/** Marks a goal achieved (a milestone for the patient, in the same transaction) or dropped. */
export async function setGoalStatus(db: Db, actor: Actor, input: z.output<typeof setGoalStatusInput>, now = new Date()) {
  return db.transaction(async (tx) => {
    const row = await closeGoal(tx, input.patientId, input.goalId, input.expectedVersion, input.status, input.reason, now);
    await writeAudit(tx, actor, {
      action: input.status === 'achieved' ? 'goal.achieve' : 'goal.drop',
      entityType: 'goal',
      entityId: row.id,
      patientId: input.patientId,
      before: { status: 'active', version: input.expectedVersion },
      after: { status: input.status, reason: input.reason, version: row.version },
    });
    if (input.status === 'achieved') await recordMilestones(tx, input.patientId, await patientToday(tx, input.patientId, now));
    return { goalId: row.id, version: row.version, status: row.status };
  });
}

/** Progress on an active goal, by the patient or their team, for a day up to today (the patient's calendar). */
export async function recordProgress(db: Db, actor: Actor, input: z.output<typeof recordProgressInput>, now = new Date()) {
  return db.transaction(async (tx) => {
    // Locked, so progress cannot land on a goal being revised or closed at the same moment.
    const [goal] = await tx.select({ id: goals.id, status: goals.status }).from(goals).where(and(eq(goals.id, input.goalId), eq(goals.patientId, input.patientId))).for('update');
    if (!goal) throw new AppError('NOT_FOUND', 'goals.notFound');
    if (goal.status !== 'active') throw new AppError('CONFLICT', em('goals.progressNotActive', { status: goal.status }));
    const today = await patientToday(tx, input.patientId, now);
    if (input.recordedOn > today) throw new AppError('BAD_REQUEST', 'goals.futureDay', { recordedOn: ['goals.futureDay'] });
    if (input.recordedOn < addDays(today, -366)) throw new AppError('BAD_REQUEST', 'goals.withinLastYear', { recordedOn: ['goals.withinLastYear'] });
    const values = { recordedOn: input.recordedOn, value: input.value, note: input.note };
    const [row] = await tx.insert(goalProgress).values({ goalId: goal.id, patientId: input.patientId, ...values, recordedBy: actor.id }).returning({ id: goalProgress.id });
    if (!row) throw new AppError('UNAVAILABLE', 'goals.progressNotSaved');
    await writeAudit(tx, actor, { action: 'goal.progress', entityType: 'goal_progress', entityId: row.id, patientId: input.patientId, after: { goalId: goal.id, ...values } });
    return { progressId: row.id };
  });
}

export interface GoalView {
  id: string;
  title: string;
  measure: string;
  target: string;
  targetValue: number | null;
  targetUnit: string;
  dueOn: string | null;
  status: 'active' | 'achieved' | 'revised' | 'dropped';
  statusReason: string;
  version: number;
  revisesGoalId: string | null;
  /** The goal that replaced this one, when it was revised. */
  revisedById: string | null;
  createdByName: string;
  createdAt: Date;
  updatedAt: Date;
  progress: { id: string; recordedOn: string; value: number | null; note: string; recordedByName: string; recordedByRole: 'patient' | 'clinician' | 'admin'; createdAt: Date }[];
}

/** Every goal of the patient, oldest first, with its progress (oldest first) and its place in a revision chain. */
export async function listGoals(db: DbOrTx, patientId: string): Promise<GoalView[]> {
  const rows = await db
    .select({ goal: goals, createdByName: users.name })
    .from(goals)
    .innerJoin(users, eq(users.id, goals.createdBy))
    .where(eq(goals.patientId, patientId))
    .orderBy(asc(goals.createdAt), asc(goals.id))
    .limit(500);
  const ids = rows.map((r) => r.goal.id);
  const progress = ids.length
    ? await db
        .select({
          id: goalProgress.id, goalId: goalProgress.goalId, recordedOn: goalProgress.recordedOn, value: goalProgress.value, note: goalProgress.note,
          recordedByName: users.name, recordedByRole: users.role, createdAt: goalProgress.createdAt,
        })
        .from(goalProgress)
        .innerJoin(users, eq(users.id, goalProgress.recordedBy))
        .where(and(eq(goalProgress.patientId, patientId), inArray(goalProgress.goalId, ids)))
        .orderBy(asc(goalProgress.recordedOn), asc(goalProgress.createdAt))
    : [];
  const revisedBy = new Map(rows.flatMap((r) => (r.goal.revisesGoalId ? [[r.goal.revisesGoalId, r.goal.id] as const] : [])));
  return rows.map(({ goal, createdByName }) => ({
    id: goal.id,
    title: goal.title,
    measure: goal.measure,
    target: goal.target,
    targetValue: goal.targetValue,
    targetUnit: goal.targetUnit,
    dueOn: goal.dueOn,
    status: goal.status,
    statusReason: goal.statusReason,
    version: goal.version,
    revisesGoalId: goal.revisesGoalId,
    revisedById: revisedBy.get(goal.id) ?? null,
    createdByName,
    createdAt: goal.createdAt,
    updatedAt: goal.updatedAt,
    progress: progress.filter((p) => p.goalId === goal.id).map(({ goalId: _g, ...p }) => p),
  }));
}
