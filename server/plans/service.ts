// Taper plans as shared records: create, edit, propose, agree, run and adjust, each as a new immutable
// version with author and reason. A save names the version it started from; a stale save changes nothing.
import 'server-only';
import { localDate } from '~/lib/dates';
import { and, asc, desc, eq, inArray, ne, notInArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db, DbOrTx, Tx } from '~/db';
import { together } from '~/db/together';
import { careTeamMembers, patientProfiles, taperPlanComments, taperPlans, taperPlanVersions, users } from '~/db/schema';
import type { planActions, planStatuses } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { prescribesFor, type PatientAccess } from '~/server/auth/policy';
import { AppError, isUniqueViolation, requireRow } from '~/server/errors';
import { ek, em } from '~/i18n/errors';
import {
  adjustPlan, checkPatient, checkSchedule, generateSchedule, scheduleWarnings, stepIndexOn, TaperError, type Adjustment, type PatientFacts, type Plan,
  type TaperInput, type TaperStep, type Warning,
} from '~/lib/taper';
import { accept, carryAcceptance, needsAcceptance } from '~/lib/taper/acceptance';
import { createDefaultCriteria } from '~/server/criteria/service';
import { recordPatientMessage } from '~/server/conversation/patient-message';
import { diffPlans } from '~/lib/taper/diff';
import type {
  commentInput, createPlanInput, diffInput, editStepInput, extendInput, slowInput, stepBackInput, transitionInput, updatePlanInput, versionInput,
} from '~/lib/plans/inputs';

/**
 * Who changes a plan, and whether they may prescribe on this patient's team: a prescriber signs off the
 * version and alone accepts a cut above the cap. Procedures pass what their tier proved; a caller that
 * does not know (a script, a test) leaves it out and it is read from the care team.
 */
export interface PlanActor extends Actor {
  mayPrescribe?: boolean;
}

export function planActorOf(actor: Actor, access: PatientAccess): PlanActor {
  return { ...actor, mayPrescribe: access.kind === 'care-team' && access.mayPrescribe };
}

async function prescribes(tx: DbOrTx, actor: PlanActor, patientId: string): Promise<boolean> {
  return actor.mayPrescribe ?? (actor.role === 'clinician' && (await prescribesFor(tx, actor.id, patientId)));
}

export type PlanStatus = (typeof planStatuses)[number];
export type PlanAction = (typeof planActions)[number];
const openStatuses: PlanStatus[] = ['draft', 'proposed', 'agreed', 'active', 'paused'];


async function patientFacts(db: DbOrTx, patientId: string): Promise<PatientFacts & { timeZone: string }> {
  const [row] = await db
    .select({ hasIntrathecalPump: patientProfiles.hasIntrathecalPump, renalFunction: patientProfiles.renalFunction, timeZone: users.timeZone })
    .from(patientProfiles)
    .innerJoin(users, eq(users.id, patientProfiles.patientId))
    .where(eq(patientProfiles.patientId, patientId));
  if (!row) throw new AppError('NOT_FOUND', 'plans.patientNotFound');
  return row;
}

/** Errors about the taper's parameters sit under `input.` (the nested fields of the plan form). */
const taperInputKey = (field: string | undefined) => (field ? `input.${field}` : 'input');

/**
 * The engine's guardrail messages become field errors the form can show, keyed as the request names
 * its fields (`keyOf` gives undefined for a message that belongs to the form as a whole), in the reader's language.
 */
function asAppError(error: unknown, keyOf: (field: string | undefined) => string | undefined = taperInputKey): never {
  if (error instanceof TaperError) {
    const key = keyOf(error.field);
    throw new AppError('BAD_REQUEST', error.text, key ? { [key]: [error.text] } : undefined, { guardrail: error.code, ...error.details });
  }
  throw error;
}

const unacceptedMessage = ek('plans.aboveCapUnaccepted');

/**
 * The version's warnings with the prescriber's acceptance of cuts above the cap: kept from the version
 * before while it covers the same cuts, recorded now when a reason is given (by a prescriber only), and
 * required before the plan is proposed, started or has its doses changed.
 */
async function withCapAcceptance(
  tx: DbOrTx,
  actor: PlanActor,
  patientId: string,
  warnings: Warning[],
  previous: readonly Warning[],
  reason: string | undefined,
  required: boolean,
): Promise<Warning[]> {
  const carried = carryAcceptance(warnings, previous);
  if (!needsAcceptance(carried)) return carried;
  if (reason) {
    if (!(await prescribes(tx, actor, patientId))) {
      throw new AppError('FORBIDDEN', 'plans.acceptPrescriberOnly', { aboveCapReason: ['plans.acceptPrescriberOnly'] });
    }
    const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id));
    return accept(carried, { reason, byId: actor.id, byName: me?.name ?? '', at: new Date().toISOString() });
  }
  if (required) throw new AppError('BAD_REQUEST', unacceptedMessage, { aboveCapReason: [unacceptedMessage] }, { guardrail: 'cut-above-cap-unaccepted' });
  return carried;
}

function schedule(input: TaperInput, facts: PatientFacts): { steps: TaperStep[]; warnings: Warning[] } {
  try {
    return generateSchedule(input, facts);
  } catch (error) {
    asAppError(error);
  }
}

// Actions by which someone who may not prescribe keeps the doses a prescriber signed off (holding is protective).
const keepsDoses: PlanAction[] = ['agree', 'pause', 'extend'];

/**
 * A version is signed off by its author when they may prescribe on the patient's team; one that keeps the
 * doses (`keepsDoses`) by anyone else carries the previous version's sign-off; any other has none yet.
 */
async function insertVersion(
  tx: DbOrTx,
  actor: Actor,
  plan: { id: string; patientId: string },
  v: { version: number; status: PlanStatus; action: PlanAction; reason: string; input: TaperInput; steps: TaperStep[]; warnings: Warning[]; previousSigner: string | null },
) {
  const signedOffBy = (await prescribes(tx, actor, plan.patientId)) ? actor.id : keepsDoses.includes(v.action) ? v.previousSigner : null;
  await tx.insert(taperPlanVersions).values({
    planId: plan.id,
    patientId: plan.patientId,
    version: v.version,
    status: v.status,
    action: v.action,
    authorId: actor.id,
    authorRole: actor.role,
    signedOffBy,
    reason: v.reason,
    input: v.input,
    steps: v.steps,
    warnings: v.warnings,
  });
}

export async function createPlan(db: Db, actor: PlanActor, input: z.output<typeof createPlanInput>) {
  const facts = await patientFacts(db, input.patientId);
  const { steps, warnings: computed } = schedule(input.input, facts);
  try {
    return await db.transaction(async (tx) => {
      const warnings = await withCapAcceptance(tx, actor, input.patientId, computed, [], input.aboveCapReason, false);
      const [plan] = await tx
        .insert(taperPlans)
        .values({ patientId: input.patientId, status: 'draft', version: 1, createdBy: actor.id })
        .returning({ id: taperPlans.id, patientId: taperPlans.patientId });
      if (!plan) throw new AppError('UNAVAILABLE', 'plans.notSaved');
      await insertVersion(tx, actor, plan, { version: 1, status: 'draft', action: 'create', reason: input.reason, input: input.input, steps, warnings, previousSigner: null });
      await createDefaultCriteria(tx, actor, plan);
      await writeAudit(tx, actor, { action: 'plan.create', entityType: 'taper_plan', entityId: plan.id, patientId: plan.patientId, after: { version: 1, status: 'draft' } });
      return { planId: plan.id, version: 1, status: 'draft' as const };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'taper_plans_one_open_per_patient')) {
      throw new AppError('CONFLICT', 'plans.alreadyOpen');
    }
    throw error;
  }
}

interface Current {
  plan: typeof taperPlans.$inferSelect;
  version: typeof taperPlanVersions.$inferSelect;
  today: string;
  facts: PatientFacts;
}

/** An action as a message's select value (ICU select keys take no hyphen); the message words it. */
const actionValue = (action: PlanAction) => (action === 'step-back' ? 'stepBack' : action === 'edit-step' ? 'editStep' : action);

/**
 * The one way a plan changes: lock the row, check the version the caller started from and the state,
 * compute the new version, check its invariants, and save it with its audit event in one transaction.
 * `ref` is the caller's whole input: an adjustment's guardrail error is keyed by the input field it is
 * about (`index`, `dailyMg`, `days`, ...), as zod keys its own errors, not under `input.`.
 */
/** Actions after which every cut above the cap must be accepted: the plan is offered, started, or its doses change. */
const acceptanceRequired: PlanAction[] = ['propose', 'activate', 'resume', 'slow', 'step-back', 'edit-step'];

async function commit(
  db: Db,
  actor: PlanActor,
  ref: { patientId: string; planId: string; expectedVersion: number; reason: string; aboveCapReason?: string },
  action: PlanAction,
  allowed: PlanStatus[],
  make: (current: Current) => { status: PlanStatus; input: TaperInput; steps: TaperStep[]; pausedOn?: string | null },
  now: Date,
) {
  return db.transaction(async (tx: Tx) => {
    const [plan] = await tx
      .select()
      .from(taperPlans)
      .where(and(eq(taperPlans.id, ref.planId), eq(taperPlans.patientId, ref.patientId)))
      .for('update');
    if (!plan) throw new AppError('NOT_FOUND', 'plans.notFound');
    if (plan.version !== ref.expectedVersion) {
      const [latest] = await tx
        .select({ version: taperPlanVersions.version, action: taperPlanVersions.action, author: users.name, at: taperPlanVersions.createdAt })
        .from(taperPlanVersions)
        .innerJoin(users, eq(users.id, taperPlanVersions.authorId))
        .where(and(eq(taperPlanVersions.planId, plan.id), eq(taperPlanVersions.version, plan.version)));
      throw new AppError(
        'CONFLICT',
        latest ? em('plans.staleBy', { version: plan.version, action: actionValue(latest.action), author: latest.author }) : em('plans.stale', { version: plan.version }),
        undefined,
        { latestVersion: plan.version, action: latest?.action, author: latest?.author, at: latest?.at?.toISOString() },
      );
    }
    if (!allowed.includes(plan.status)) {
      throw new AppError('BAD_REQUEST', em('plans.wrongStatus', { status: plan.status, action: actionValue(action) }));
    }
    // Two reads that need only the locked row: one round trip (db/together.ts).
    const [[version], facts] = await together(
      tx
        .select()
        .from(taperPlanVersions)
        .where(and(eq(taperPlanVersions.planId, plan.id), eq(taperPlanVersions.version, plan.version))),
      patientFacts(tx, plan.patientId),
    );
    if (!version) throw new AppError('NOT_FOUND', 'plans.versionNotFound');
    let next: ReturnType<typeof make>;
    let computed: Warning[];
    try {
      // A pump patient is not tapered here: once a pump is recorded, the only change left is stopping.
      if (action !== 'stop') checkPatient(facts);
      next = make({ plan, version, today: localDate(facts.timeZone, now), facts });
      checkSchedule(next.input, next.steps);
      computed = scheduleWarnings(next.input, next.steps, facts);
    } catch (error) {
      asAppError(error, (field) => (field !== undefined && Object.keys(ref).includes(field) ? field : undefined));
    }
    const warnings = await withCapAcceptance(tx, actor, plan.patientId, computed, version.warnings, ref.aboveCapReason, acceptanceRequired.includes(action));
    const newVersion = plan.version + 1;
    // The plan's row, its new version and the audit event: three writes that read none of each other's.
    await together(
      tx
        .update(taperPlans)
        .set({ status: next.status, version: newVersion, updatedAt: now, ...(next.pausedOn !== undefined ? { pausedOn: next.pausedOn } : {}) })
        .where(and(eq(taperPlans.id, plan.id), eq(taperPlans.version, plan.version))),
      insertVersion(tx, actor, plan, {
        version: newVersion, status: next.status, action, reason: ref.reason, input: next.input, steps: next.steps, warnings, previousSigner: version.signedOffBy,
      }),
      writeAudit(tx, actor, {
        action: `plan.${action}`,
        entityType: 'taper_plan',
        entityId: plan.id,
        patientId: plan.patientId,
        before: { version: plan.version, status: plan.status },
        after: { version: newVersion, status: next.status, reason: ref.reason },
      }),
    );
    return { planId: plan.id, version: newVersion, status: next.status };
  });
}

const same = (c: Current) => ({ input: c.version.input, steps: c.version.steps });

/** The plan after one adjustment, computed by the same pure function the clinician's preview uses. */
function adjusted(c: Current, adjustment: Adjustment): Plan {
  return adjustPlan({ input: c.version.input, steps: c.version.steps }, { status: c.plan.status, pausedOn: c.plan.pausedOn, today: c.today }, adjustment);
}

export function updatePlan(db: Db, actor: PlanActor, input: z.output<typeof updatePlanInput>, now = new Date()) {
  // Editing a proposed plan takes it back to draft: the patient agrees to what they last saw.
  return commit(db, actor, input, 'edit', ['draft', 'proposed'], (c) => ({ status: 'draft', input: input.input, steps: schedule(input.input, c.facts).steps }), now);
}

export function proposePlan(db: Db, actor: PlanActor, input: z.output<typeof transitionInput>, now = new Date()) {
  return commit(db, actor, input, 'propose', ['draft'], (c) => ({ status: 'proposed', ...same(c) }), now);
}

export function agreePlan(db: Db, actor: PlanActor, input: z.output<typeof transitionInput>, now = new Date()) {
  return commit(db, actor, input, 'agree', ['proposed'], (c) => ({ status: 'agreed', ...same(c) }), now);
}

export function activatePlan(db: Db, actor: PlanActor, input: z.output<typeof transitionInput>, now = new Date()) {
  return commit(db, actor, input, 'activate', ['agreed'], (c) => ({ status: 'active', ...same(c) }), now);
}

export function pausePlan(db: Db, actor: PlanActor, input: z.output<typeof transitionInput>, now = new Date()) {
  return commit(db, actor, input, 'pause', ['active'], (c) => ({ status: 'paused', pausedOn: c.today, ...same(c) }), now);
}

export function resumePlan(db: Db, actor: PlanActor, input: z.output<typeof transitionInput>, now = new Date()) {
  return commit(db, actor, input, 'resume', ['paused'], (c) => ({ status: 'active', pausedOn: null, ...adjusted(c, { kind: 'resume' }) }), now);
}

export function extendPlan(db: Db, actor: PlanActor, input: z.output<typeof extendInput>, now = new Date()) {
  return commit(db, actor, input, 'extend', ['active'], (c) => ({ status: 'active', ...adjusted(c, { kind: 'extend', days: input.days }) }), now);
}

export function slowPlan(db: Db, actor: PlanActor, input: z.output<typeof slowInput>, now = new Date()) {
  return commit(db, actor, input, 'slow', ['active'], (c) => ({ status: 'active', ...adjusted(c, { kind: 'slow', percent: input.percent }) }), now);
}

/** Stepping back also ends a pause: the patient returns to the last tolerated dose from today. */
export function stepBackPlan(db: Db, actor: PlanActor, input: z.output<typeof stepBackInput>, now = new Date()) {
  return commit(db, actor, input, 'step-back', ['active', 'paused'], (c) => ({
    status: 'active',
    pausedOn: null,
    ...adjusted(c, { kind: 'step-back', slowPercent: input.slowPercent }),
  }), now);
}

export function editPlanStep(db: Db, actor: PlanActor, input: z.output<typeof editStepInput>, now = new Date()) {
  // An agreed plan that has not started goes back to draft when edited, as an edited proposal does:
  // the patient agreed to what they saw, not to this change. A running plan is the team's to adjust.
  return commit(db, actor, input, 'edit-step', ['active', 'paused', 'agreed'], (c) => ({
    status: c.plan.status === 'agreed' ? 'draft' : c.plan.status,
    ...adjusted(c, { kind: 'edit-step', index: input.index, dailyMg: input.dailyMg, days: input.days }),
  }), now);
}

export function completePlan(db: Db, actor: PlanActor, input: z.output<typeof transitionInput>, now = new Date()) {
  return commit(db, actor, input, 'complete', ['active'], (c) => ({ status: 'completed', ...same(c) }), now);
}

export function stopPlan(db: Db, actor: PlanActor, input: z.output<typeof transitionInput>, now = new Date()) {
  return commit(db, actor, input, 'stop', openStatuses, (c) => ({ status: 'stopped', ...same(c) }), now);
}

/**
 * A comment on the plan, with who may read it: the patient's own are always shared; the care team chooses,
 * and a comment on a draft is team-only unless they say otherwise (the patient has not seen the draft, and
 * the team's working talk about it must not reach them once it is proposed). A patient's comment is a message
 * in their conversation: unread for the care team, and each member told, in the same transaction.
 */
export async function addComment(db: Db, actor: Actor, input: z.output<typeof commentInput>, kind: 'comment' | 'change-request', now = new Date()) {
  const byPatient = actor.role === 'patient';
  if (byPatient && input.visibility === 'team') {
    throw new AppError('FORBIDDEN', 'plans.commentsShared', { visibility: ['plans.commentsShared'] });
  }
  return db.transaction(async (tx) => {
    const [plan] = await tx.select({ id: taperPlans.id, version: taperPlans.version, status: taperPlans.status }).from(taperPlans)
      .where(and(eq(taperPlans.id, input.planId), eq(taperPlans.patientId, input.patientId)));
    if (!plan) throw new AppError('NOT_FOUND', 'plans.notFound');
    if (input.version > plan.version) throw new AppError('BAD_REQUEST', 'plans.noSuchVersion');
    // A patient does not see drafts, so they cannot comment on one either.
    if (byPatient && plan.status === 'draft') throw new AppError('NOT_FOUND', 'plans.notFound');
    if (kind === 'change-request' && plan.status !== 'proposed') {
      throw new AppError('BAD_REQUEST', 'plans.changeRequestWhenProposed');
    }
    const visibility = byPatient ? 'shared' : (input.visibility ?? (plan.status === 'draft' ? 'team' : 'shared'));
    const row = requireRow(
      (
        await tx
          .insert(taperPlanComments)
          .values({ planId: plan.id, patientId: input.patientId, version: input.version, kind, authorId: actor.id, body: input.body, visibility })
          .returning({ id: taperPlanComments.id, createdAt: taperPlanComments.createdAt })
      )[0],
    );
    await writeAudit(tx, actor, {
      action: kind === 'comment' ? 'plan.comment' : 'plan.request_change',
      entityType: 'taper_plan_comment',
      entityId: row.id,
      patientId: input.patientId,
      after: { planId: plan.id, version: input.version, visibility },
    });
    if (byPatient) await recordPatientMessage(tx, input.patientId, { sourceId: row.id, at: row.createdAt }, now);
    return { commentId: row.id, visibility };
  });
}

/**
 * The patient's plan in progress (or, if none, the latest finished one), with history and comments.
 * A patient never sees drafts: only what their care team has proposed to them.
 */
export async function getPlanView(db: DbOrTx, patientId: string, viewer: 'patient' | 'team', now = new Date()) {
  const facts = await patientFacts(db, patientId);
  const today = localDate(facts.timeZone, now);
  const [open] = await db.select().from(taperPlans).where(and(eq(taperPlans.patientId, patientId), inArray(taperPlans.status, openStatuses))).limit(1);
  const plan = open ?? (await db.select().from(taperPlans).where(and(eq(taperPlans.patientId, patientId), notInArray(taperPlans.status, openStatuses))).orderBy(desc(taperPlans.updatedAt)).limit(1))[0];
  if (!plan) return { plan: null, preparing: false, facts, today };
  if (viewer === 'patient' && plan.status === 'draft') return { plan: null, preparing: true, facts, today };
  const signers = alias(users, 'signers');
  const versions = await db
    .select({
      version: taperPlanVersions.version,
      status: taperPlanVersions.status,
      action: taperPlanVersions.action,
      reason: taperPlanVersions.reason,
      authorId: taperPlanVersions.authorId,
      authorName: users.name,
      authorRole: taperPlanVersions.authorRole,
      signedOffBy: taperPlanVersions.signedOffBy,
      signedOffByName: signers.name,
      createdAt: taperPlanVersions.createdAt,
    })
    .from(taperPlanVersions)
    .innerJoin(users, eq(users.id, taperPlanVersions.authorId))
    .leftJoin(signers, eq(signers.id, taperPlanVersions.signedOffBy))
    .where(and(eq(taperPlanVersions.planId, plan.id), viewer === 'patient' ? ne(taperPlanVersions.status, 'draft') : undefined))
    .orderBy(desc(taperPlanVersions.version));
  const [latest] = await db.select().from(taperPlanVersions).where(and(eq(taperPlanVersions.planId, plan.id), eq(taperPlanVersions.version, plan.version)));
  if (!latest) throw new AppError('NOT_FOUND', 'plans.versionNotFound');
  const disciplines = await db
    .select({ clinicianId: careTeamMembers.clinicianId, discipline: careTeamMembers.discipline })
    .from(careTeamMembers)
    .where(eq(careTeamMembers.patientId, patientId));
  const disciplineOf = new Map(disciplines.map((d) => [d.clinicianId, d.discipline]));
  const comments = await db
    .select({
      id: taperPlanComments.id,
      version: taperPlanComments.version,
      kind: taperPlanComments.kind,
      body: taperPlanComments.body,
      authorId: taperPlanComments.authorId,
      authorName: users.name,
      authorRole: users.role,
      visibility: taperPlanComments.visibility,
      createdAt: taperPlanComments.createdAt,
    })
    .from(taperPlanComments)
    .innerJoin(users, eq(users.id, taperPlanComments.authorId))
    // Filtered in the query: team-only text never leaves the database for the patient.
    .where(and(eq(taperPlanComments.planId, plan.id), viewer === 'patient' ? eq(taperPlanComments.visibility, 'shared') : undefined))
    .orderBy(asc(taperPlanComments.createdAt));
  const steps = latest.steps;
  // A paused patient holds the step they paused on; the schedule only moves on when the plan resumes.
  const heldOn = plan.status === 'paused' && plan.pausedOn ? plan.pausedOn : today;
  const currentIndex = plan.status === 'active' || plan.status === 'paused' ? stepIndexOn(steps, heldOn) : null;
  const withDiscipline = <T extends { authorId: string }>(r: T) => ({ ...r, discipline: disciplineOf.get(r.authorId) ?? null });
  return {
    plan: {
      id: plan.id,
      status: plan.status,
      version: plan.version,
      pausedOn: plan.pausedOn,
      input: latest.input,
      steps,
      warnings: latest.warnings,
      currentIndex,
      updatedAt: plan.updatedAt,
    },
    versions: versions.map(withDiscipline),
    comments: comments.map(withDiscipline),
    preparing: false,
    facts,
    today,
  };
}

export async function getPlanVersion(db: DbOrTx, input: z.output<typeof versionInput>, viewer: 'patient' | 'team') {
  const [row] = await db
    .select()
    .from(taperPlanVersions)
    .where(and(eq(taperPlanVersions.planId, input.planId), eq(taperPlanVersions.patientId, input.patientId), eq(taperPlanVersions.version, input.version)));
  // Drafts are the care team's working copies.
  if (!row || (viewer === 'patient' && row.status === 'draft')) throw new AppError('NOT_FOUND', 'plans.versionNotFound');
  return { version: row.version, status: row.status, action: row.action, reason: row.reason, input: row.input, steps: row.steps, warnings: row.warnings, createdAt: row.createdAt };
}

export async function diffPlanVersions(db: DbOrTx, input: z.output<typeof diffInput>, viewer: 'patient' | 'team') {
  const [a, b] = await Promise.all([
    getPlanVersion(db, { patientId: input.patientId, planId: input.planId, version: input.from }, viewer),
    getPlanVersion(db, { patientId: input.patientId, planId: input.planId, version: input.to }, viewer),
  ]);
  return diffPlans(a, b);
}
