// Adjunct therapies of a plan: listed for the patient and the team, added, changed and stopped by plan editors.
import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '~/db';
import { adjunctTherapies, taperPlans } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { AppError } from '~/server/errors';
import { em } from '~/i18n/errors';
import { FOLLOW_UP_GRACE_DAYS, rescueState, type RescueState } from '~/lib/adjuncts/rescue';
import { followUpPastLatest, startOutOfWindow, type AddAdjunctInput, type StopAdjunctInput, type UpdateAdjunctInput } from '~/lib/adjuncts/inputs';
import { patientToday } from '~/server/patients/clock';

type AdjunctRow = typeof adjunctTherapies.$inferSelect;

export interface AdjunctView {
  id: string;
  kind: AdjunctRow['kind'];
  name: string;
  notes: string;
  startedOn: string;
  stoppedOn: string | null;
  stopReason: string;
  maxDays: number | null;
  stopCriteria: string | null;
  followUpOn: string | null;
  version: number;
  /** Stopped on or before today: history. */
  stopped: boolean;
  /** For rescue medication: days used against its limits on the patient's today. */
  rescue: RescueState | null;
}


function viewOf(row: AdjunctRow, today: string): AdjunctView {
  const rescue =
    row.kind === 'rescue-medication' && row.maxDays !== null && row.followUpOn !== null
      ? rescueState({ startedOn: row.startedOn, stoppedOn: row.stoppedOn, maxDays: row.maxDays, followUpOn: row.followUpOn }, today)
      : null;
  return {
    id: row.id, kind: row.kind, name: row.name, notes: row.notes, startedOn: row.startedOn, stoppedOn: row.stoppedOn, stopReason: row.stopReason,
    maxDays: row.maxDays, stopCriteria: row.stopCriteria, followUpOn: row.followUpOn, version: row.version,
    stopped: row.stoppedOn !== null && row.stoppedOn <= today,
    rescue,
  };
}

/** The plan's supports: those in use first (rescue medication leading), then the stopped ones as history, latest stop first. */
export async function listAdjuncts(db: DbOrTx, patientId: string, planId: string, now = new Date()): Promise<{ today: string; adjuncts: AdjunctView[] }> {
  const [plan] = await db.select({ id: taperPlans.id }).from(taperPlans).where(and(eq(taperPlans.id, planId), eq(taperPlans.patientId, patientId)));
  if (!plan) throw new AppError('NOT_FOUND', 'adjuncts.planNotFound');
  const [rows, today] = await Promise.all([
    db.select().from(adjunctTherapies).where(and(eq(adjunctTherapies.patientId, patientId), eq(adjunctTherapies.planId, planId))).orderBy(asc(adjunctTherapies.startedOn), asc(adjunctTherapies.createdAt)),
    patientToday(db, patientId, now),
  ]);
  const views = rows.map((r) => viewOf(r, today));
  const inUse = views.filter((v) => !v.stopped).sort((a, b) => Number(b.kind === 'rescue-medication') - Number(a.kind === 'rescue-medication'));
  const history = views.filter((v) => v.stopped).sort((a, b) => (b.stoppedOn ?? '').localeCompare(a.stoppedOn ?? ''));
  return { today, adjuncts: [...inUse, ...history] };
}

/** Supports are added and changed only on a plan in progress: a completed or stopped plan's record is closed. */
async function planInProgress(tx: Tx, patientId: string, planId: string) {
  const [plan] = await tx.select({ status: taperPlans.status }).from(taperPlans).where(and(eq(taperPlans.id, planId), eq(taperPlans.patientId, patientId)));
  if (!plan) throw new AppError('NOT_FOUND', 'adjuncts.planNotFound');
  if (plan.status === 'completed' || plan.status === 'stopped') {
    throw new AppError('CONFLICT', em('adjuncts.planClosed', { status: plan.status }));
  }
}

function checkStart(startedOn: string, today: string) {
  if (startOutOfWindow(startedOn, today)) throw new AppError('BAD_REQUEST', 'adjuncts.checkStartDate', { startedOn: ['adjuncts.startDateFar'] });
}

/** A rescue course's follow-up no later than its grace period after the course's last allowed day (the date named). */
function checkFollowUp(input: AddAdjunctInput | UpdateAdjunctInput) {
  const latest = followUpPastLatest(input);
  if (latest !== null) {
    throw new AppError('BAD_REQUEST', 'common.fieldsNeedAttention', { followUpOn: [em('adjuncts.followUpTooLate', { days: FOLLOW_UP_GRACE_DAYS, date: latest })] });
  }
}

/** What the audit event keeps: the facts, never the free text (which may describe the patient). */
function auditFacts(v: { kind: string; startedOn: string; stoppedOn?: string | null; maxDays: number | null; followUpOn: string | null; version: number }) {
  return { kind: v.kind, startedOn: v.startedOn, stoppedOn: v.stoppedOn ?? null, maxDays: v.maxDays, followUpOn: v.followUpOn, version: v.version };
}

export async function addAdjunct(db: Db, actor: Actor, input: AddAdjunctInput, now = new Date()): Promise<{ id: string; version: number }> {
  checkFollowUp(input);
  return db.transaction(async (tx) => {
    await planInProgress(tx, input.patientId, input.planId);
    checkStart(input.startedOn, await patientToday(tx, input.patientId, now));
    const [row] = await tx
      .insert(adjunctTherapies)
      .values({
        patientId: input.patientId, planId: input.planId, kind: input.kind, name: input.name, notes: input.notes, startedOn: input.startedOn,
        maxDays: input.maxDays, stopCriteria: input.stopCriteria || null, followUpOn: input.followUpOn, createdBy: actor.id,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, actor, { action: 'adjunct.add', entityType: 'adjunct_therapy', entityId: row.id, patientId: input.patientId, after: auditFacts(row) });
    return { id: row.id, version: row.version };
  });
}

async function current(tx: Tx, patientId: string, adjunctId: string): Promise<AdjunctRow> {
  const [row] = await tx.select().from(adjunctTherapies).where(and(eq(adjunctTherapies.id, adjunctId), eq(adjunctTherapies.patientId, patientId)));
  if (!row) throw new AppError('NOT_FOUND', 'adjuncts.notFound');
  return row;
}

function stale(row: AdjunctRow): AppError {
  return new AppError('CONFLICT', em('adjuncts.stale', { version: row.version }), undefined, { latestVersion: row.version });
}

export async function updateAdjunct(db: Db, actor: Actor, input: UpdateAdjunctInput, now = new Date()): Promise<{ id: string; version: number }> {
  checkFollowUp(input);
  return db.transaction(async (tx) => {
    const before = await current(tx, input.patientId, input.adjunctId);
    await planInProgress(tx, input.patientId, before.planId);
    if (before.version !== input.expectedVersion) throw stale(before);
    if (before.kind !== input.kind) throw new AppError('BAD_REQUEST', 'adjuncts.kindFixed', { kind: ['adjuncts.kindFixedField'] });
    const today = await patientToday(tx, input.patientId, now);
    if (before.stoppedOn !== null && before.stoppedOn <= today) throw new AppError('CONFLICT', 'adjuncts.stoppedRecord');
    checkStart(input.startedOn, today);
    const [row] = await tx
      .update(adjunctTherapies)
      .set({
        name: input.name, notes: input.notes, startedOn: input.startedOn, maxDays: input.maxDays, stopCriteria: input.stopCriteria || null, followUpOn: input.followUpOn,
        version: sql`${adjunctTherapies.version} + 1`, updatedAt: now,
      })
      .where(and(eq(adjunctTherapies.id, input.adjunctId), eq(adjunctTherapies.version, input.expectedVersion)))
      .returning();
    if (!row) throw stale(await current(tx, input.patientId, input.adjunctId));
    await writeAudit(tx, actor, { action: 'adjunct.update', entityType: 'adjunct_therapy', entityId: row.id, patientId: input.patientId, before: auditFacts(before), after: auditFacts(row) });
    return { id: row.id, version: row.version };
  });
}

/**
 * Stopping is allowed whatever the plan's state: a rescue medication still running when its plan ends must
 * still be stoppable, or it would run on unrecorded.
 */
export async function stopAdjunct(db: Db, actor: Actor, input: StopAdjunctInput, now = new Date()): Promise<{ id: string; version: number }> {
  return db.transaction(async (tx) => {
    const before = await current(tx, input.patientId, input.adjunctId);
    if (before.version !== input.expectedVersion) throw stale(before);
    if (before.stoppedOn !== null) throw new AppError('CONFLICT', 'adjuncts.alreadyStopped');
    const today = await patientToday(tx, input.patientId, now);
    if (input.stoppedOn < before.startedOn) throw new AppError('BAD_REQUEST', 'adjuncts.checkStopDate', { stoppedOn: ['adjuncts.stopBeforeStart'] });
    if (input.stoppedOn > today) throw new AppError('BAD_REQUEST', 'adjuncts.checkStopDate', { stoppedOn: ['adjuncts.stopInFuture'] });
    const [row] = await tx
      .update(adjunctTherapies)
      .set({ stoppedOn: input.stoppedOn, stopReason: input.reason, version: sql`${adjunctTherapies.version} + 1`, updatedAt: now })
      .where(and(eq(adjunctTherapies.id, input.adjunctId), eq(adjunctTherapies.version, input.expectedVersion)))
      .returning();
    if (!row) throw stale(await current(tx, input.patientId, input.adjunctId));
    await writeAudit(tx, actor, { action: 'adjunct.stop', entityType: 'adjunct_therapy', entityId: row.id, patientId: input.patientId, before: auditFacts(before), after: { ...auditFacts(row), reason: input.reason } });
    return { id: row.id, version: row.version };
  });
}
