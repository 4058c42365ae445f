// The stop-go criteria of a plan: read by the care team, edited by plan editors with a version check.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '~/db';
import { stopGoCriteria, stopGoCriteriaVersions, taperPlans, users } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { AppError } from '~/server/errors';
import { em, type ErrorText } from '~/i18n/errors';
import { defaultCriteria, defaultCriterionIds } from '~/lib/criteria/evaluate';
import { storedTranslator } from '~/server/i18n';
import { criteriaProblems, criteriaSchema, type Criterion } from '~/lib/criteria/types';
import type { updateCriteriaInput } from '~/lib/criteria/inputs';

/** Called inside the plan's creating transaction: every new plan starts with the default criteria. */
/**
 * Called inside the plan's creating transaction: every new plan starts with the default criteria, their labels
 * written in the patient's language (the patient reads them as the team does; the team may reword them).
 */
export async function createDefaultCriteria(tx: DbOrTx, actor: Actor, plan: { id: string; patientId: string }) {
  const [patient] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, plan.patientId));
  const t = storedTranslator(patient?.locale);
  const criteria = defaultCriteria(Object.fromEntries(defaultCriterionIds.map((id) => [id, t(`criteria.${id}`)])));
  await tx.insert(stopGoCriteria).values({ planId: plan.id, patientId: plan.patientId, version: 1, criteria, updatedBy: actor.id });
  await tx.insert(stopGoCriteriaVersions).values({ planId: plan.id, patientId: plan.patientId, version: 1, criteria, reason: t('criteria.defaultReason'), authorId: actor.id });
}

export async function getCriteria(db: DbOrTx, patientId: string, planId: string): Promise<{ version: number; criteria: Criterion[] }> {
  const [row] = await db.select().from(stopGoCriteria).where(and(eq(stopGoCriteria.planId, planId), eq(stopGoCriteria.patientId, patientId)));
  if (!row) throw new AppError('NOT_FOUND', 'criteria.none');
  return { version: row.version, criteria: criteriaSchema.parse(row.criteria) };
}

/**
 * The checks between a criterion's fields and between criteria, made here rather than in the input schema
 * because their messages name values (a threshold, an id): refused as zod refuses a field, keyed by the full
 * path ('criteria.0.threshold') and by 'criteria', before anything is read or written.
 */
function checkCriteria(criteria: readonly Criterion[]): void {
  const problems = criteriaProblems(criteria);
  if (problems.length === 0) return;
  const fieldErrors: Record<string, ErrorText[]> = {};
  for (const p of problems) for (const key of new Set([['criteria', ...p.path].join('.'), 'criteria'])) (fieldErrors[key] ??= []).push(p.text);
  throw new AppError('BAD_REQUEST', 'common.fieldsNeedAttention', fieldErrors);
}

export async function updateCriteria(db: Db, actor: Actor, input: z.output<typeof updateCriteriaInput>, now = new Date()) {
  checkCriteria(input.criteria);
  return db.transaction(async (tx) => {
    const [plan] = await tx.select({ id: taperPlans.id }).from(taperPlans).where(and(eq(taperPlans.id, input.planId), eq(taperPlans.patientId, input.patientId)));
    if (!plan) throw new AppError('NOT_FOUND', 'plans.notFound');
    const [updated] = await tx
      .update(stopGoCriteria)
      .set({ criteria: input.criteria, version: input.expectedVersion + 1, updatedBy: actor.id, updatedAt: now })
      .where(and(eq(stopGoCriteria.planId, input.planId), eq(stopGoCriteria.version, input.expectedVersion)))
      .returning({ version: stopGoCriteria.version });
    if (!updated) {
      const [current] = await tx.select({ version: stopGoCriteria.version }).from(stopGoCriteria).where(eq(stopGoCriteria.planId, input.planId));
      throw new AppError('CONFLICT', em('criteria.stale', { version: current?.version ?? '?' }), undefined, { latestVersion: current?.version });
    }
    await tx.insert(stopGoCriteriaVersions).values({ planId: input.planId, patientId: input.patientId, version: updated.version, criteria: input.criteria, reason: input.reason, authorId: actor.id });
    await writeAudit(tx, actor, { action: 'criteria.update', entityType: 'stop_go_criteria', entityId: input.planId, patientId: input.patientId, before: { version: input.expectedVersion }, after: { version: updated.version, reason: input.reason, count: input.criteria.length } });
    return { version: updated.version };
  });
}
