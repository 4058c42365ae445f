// Daily check-ins: one per patient per local day, corrected the same day with every earlier version
// kept, resent safely with an idempotency key, and raising alerts for red flags and fired criteria in
// the same transaction as the check-in itself.
import 'server-only';
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type { Db, DbOrTx } from '~/db';
import { together } from '~/db/together';
import {
  alerts, checkInRevisions, checkIns, checkInSubmissions, patientProfiles, stopGoCriteria, taperPlans, taperPlanVersions, users, type DoseTaken,
} from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { raiseAlert } from '~/server/alerts/service';
import { criteriaSchema } from '~/lib/criteria/types';
import { alertSeverity, evaluateCriteria } from '~/lib/criteria/evaluate';
import { em } from '~/i18n/errors';
import { AppError } from '~/server/errors';
import { firstVersionDailyMg, recordMilestones, toDetectorPlan } from '~/server/milestones/service';
import { localDate } from '~/lib/dates';
import { addDays, stepIndexOn } from '~/lib/taper';
import { detectRedFlags, isUrgent } from '~/lib/checkins/red-flags';
import { scoreKeys, type CheckInFacts, type CheckInResult, type ScoreKey } from '~/lib/checkins/types';
import { checkInResultSchema, type SubmitCheckInInput } from '~/lib/checkins/inputs';
import { patientToday } from '~/server/patients/clock';

type CheckInRow = typeof checkIns.$inferSelect;

export type { CheckInResult };

/** The columns factsOf reads: a caller may select just these. */
export type CheckInFactColumns = Pick<CheckInRow, 'localDate' | ScoreKey | 'sleepHours' | 'doses' | 'redFlags' | 'heartRate' | 'systolic' | 'diastolic'>;

/**
 * Those columns, to select: Drizzle builds every column it selects or returns into the statement and maps it
 * back, and a check-in has over thirty, so reading only these halves that work for the four weeks of rows.
 */
export const factColumns = {
  localDate: checkIns.localDate,
  spasticity: checkIns.spasticity,
  spasmFrequency: checkIns.spasmFrequency,
  sleepQuality: checkIns.sleepQuality,
  restlessness: checkIns.restlessness,
  anxiety: checkIns.anxiety,
  mood: checkIns.mood,
  pain: checkIns.pain,
  headache: checkIns.headache,
  nausea: checkIns.nausea,
  strengthMobility: checkIns.strengthMobility,
  sleepHours: checkIns.sleepHours,
  doses: checkIns.doses,
  redFlags: checkIns.redFlags,
  heartRate: checkIns.heartRate,
  systolic: checkIns.systolic,
  diastolic: checkIns.diastolic,
} satisfies { [K in keyof CheckInFactColumns]: (typeof checkIns)[K] };

export function factsOf(row: CheckInFactColumns): CheckInFacts {
  const scores: Partial<Record<ScoreKey, number>> = {};
  for (const key of scoreKeys) {
    const value = row[key];
    if (value !== null) scores[key] = value;
  }
  return {
    localDate: row.localDate,
    scores,
    sleepHours: row.sleepHours,
    dosesPlanned: row.doses.filter((d) => d.plannedMg !== null).length,
    dosesMissed: row.doses.filter((d) => d.status === 'missed').length,
    redFlags: row.redFlags,
    heartRate: row.heartRate,
    systolic: row.systolic,
    diastolic: row.diastolic,
  };
}


/**
 * The patient's clock and their running plan (active or paused) with its criteria, in one read: a check-in
 * needs all of them, and each was a round trip of its own inside the transaction.
 */
function patientDayQuery(db: DbOrTx, patientId: string) {
  return db
    .select({
      timeZone: users.timeZone,
      planId: taperPlans.id,
      version: taperPlans.version,
      status: taperPlans.status,
      pausedOn: taperPlans.pausedOn,
      updatedAt: taperPlans.updatedAt,
      input: taperPlanVersions.input,
      steps: taperPlanVersions.steps,
      startDailyMg: firstVersionDailyMg(taperPlans.id),
      criteria: stopGoCriteria.criteria,
    })
    .from(patientProfiles)
    .innerJoin(users, eq(users.id, patientProfiles.patientId))
    .leftJoin(taperPlans, and(eq(taperPlans.patientId, patientProfiles.patientId), inArray(taperPlans.status, ['active', 'paused'])))
    .leftJoin(taperPlanVersions, and(eq(taperPlanVersions.planId, taperPlans.id), eq(taperPlanVersions.version, taperPlans.version)))
    .leftJoin(stopGoCriteria, eq(stopGoCriteria.planId, taperPlans.id))
    .where(eq(patientProfiles.patientId, patientId))
    .limit(1);
}

/** The day and running plan from patientDayQuery's row (none: the patient does not exist). */
function patientDayOf(row: Awaited<ReturnType<typeof patientDayQuery>>[number] | undefined, now: Date) {
  if (!row) throw new AppError('NOT_FOUND', 'patients.notFound');
  const today = localDate(row.timeZone, now);
  const { planId, version, status, pausedOn, updatedAt, input, steps, startDailyMg } = row;
  if (!planId || version === null || !status || !updatedAt || !input || !steps || steps.length === 0) return { timeZone: row.timeZone, today, running: null };
  const first = steps[0];
  // While paused, the patient holds the step they paused on.
  const step = !first || today < first.startDate ? null : (steps[stepIndexOn(steps, status === 'paused' && pausedOn ? pausedOn : today)] ?? null);
  const detectorPlan = startDailyMg === null ? undefined : toDetectorPlan({ id: planId, status, updatedAt, input, steps, startDailyMg }, row.timeZone);
  return { timeZone: row.timeZone, today, running: { planId, version, status, steps, step, criteria: row.criteria, detectorPlan } };
}

async function patientDay(db: DbOrTx, patientId: string, now: Date) {
  const [row] = await patientDayQuery(db, patientId);
  return patientDayOf(row, now);
}

/** What the check-in page needs: today's date, the planned doses, today's check-in if any, screeners due. */
export async function getCheckInDay(db: DbOrTx, patientId: string, now = new Date()) {
  const { today, running } = await patientDay(db, patientId, now);
  const [existing] = await db.select().from(checkIns).where(and(eq(checkIns.patientId, patientId), eq(checkIns.localDate, today)));
  // PHQ-2 and GAD-2 are weekly: due when none was answered in the six days before today.
  const weekAgo = addDays(today, -6);
  const recent = await db
    .select({ localDate: checkIns.localDate, phq2: checkIns.phq2 })
    .from(checkIns)
    .where(and(eq(checkIns.patientId, patientId), gte(checkIns.localDate, weekAgo), lte(checkIns.localDate, addDays(today, -1))));
  const screenersDue = !recent.some((r) => r.phq2 !== null) && !(existing?.phq2);
  return {
    today,
    plannedDoses: running?.step?.doses.map((d) => ({ time: d.time, mg: d.mg, take: d.take })) ?? [],
    planStatus: running?.status ?? null,
    existing: existing ?? null,
    screenersDue,
  };
}

function hashOf(input: SubmitCheckInInput): string {
  const { idempotencyKey: _key, ...body } = input;
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

function valuesOf(input: SubmitCheckInInput, doses: DoseTaken[]) {
  return {
    doses,
    ...input.scores,
    sleepHours: input.sleepHours,
    redFlags: [...new Set(input.redFlags)],
    stressors: input.stressors,
    activity: input.activity,
    systolic: input.systolic,
    diastolic: input.diastolic,
    heartRate: input.heartRate,
    phq2: input.phq2,
    gad2: input.gad2,
    notes: input.notes,
  };
}

/** The average of each score over the week before the taper's first step: "change from baseline" compares to it. */
export async function baselineFor(tx: DbOrTx, patientId: string, firstDay: string | undefined) {
  if (!firstDay) return {};
  const rows = await tx
    .select()
    .from(checkIns)
    .where(and(eq(checkIns.patientId, patientId), gte(checkIns.localDate, addDays(firstDay, -7)), lte(checkIns.localDate, addDays(firstDay, -1))));
  const baseline: Partial<Record<ScoreKey, number>> = {};
  for (const key of scoreKeys) {
    const values = rows.map((r) => r[key]).filter((v): v is number => v !== null);
    if (values.length) baseline[key] = values.reduce((a, b) => a + b, 0) / values.length;
  }
  return baseline;
}

/**
 * Saves today's check-in (or corrects it) and raises its alerts, all in one transaction. The same
 * idempotency key with the same answers returns the first result and writes nothing; with different
 * answers it is refused.
 */
export async function submitCheckIn(db: Db, actor: Actor, input: SubmitCheckInInput, now = new Date()): Promise<CheckInResult & { replayed: boolean }> {
  const requestHash = hashOf(input);
  return db.transaction(async (tx) => {
    // The day's check-in, locked: read for the day the check-in names, which must be the patient's today
    // (checked below, before it is used; for any other day the transaction is refused and rolled back).
    const todays = (day: string) => tx.select().from(checkIns).where(and(eq(checkIns.patientId, input.patientId), eq(checkIns.localDate, day))).for('update');
    // The claim, the patient's day and the day's check-in in one round trip (db/together.ts); a resent check-in
    // discards the other two. Lazy queries, so they reach PostgreSQL in this order: the claim before the lock.
    const [[claimed], [dayRow], [locked]] = await together(
      tx
        .insert(checkInSubmissions)
        .values({ patientId: input.patientId, idempotencyKey: input.idempotencyKey, requestHash })
        .onConflictDoNothing()
        .returning({ key: checkInSubmissions.idempotencyKey }),
      patientDayQuery(tx, input.patientId),
      todays(input.localDate),
    );
    if (!claimed) {
      const [first] = await tx
        .select()
        .from(checkInSubmissions)
        .where(and(eq(checkInSubmissions.patientId, input.patientId), eq(checkInSubmissions.idempotencyKey, input.idempotencyKey)));
      const stored = checkInResultSchema.safeParse(first?.result);
      if (!first || first.requestHash !== requestHash || !stored.success) {
        throw new AppError('CONFLICT', 'checkins.resentDifferent');
      }
      return { ...stored.data, replayed: true };
    }

    const { timeZone, today, running } = patientDayOf(dayRow, now);
    if (input.localDate !== today) {
      const message = input.localDate > today ? 'checkins.futureDay' : em('checkins.todayOnly', { today });
      throw new AppError('BAD_REQUEST', message, { localDate: [message] });
    }
    const planned = new Map((running?.step?.doses ?? []).map((d) => [d.time, d.mg]));
    const doses: DoseTaken[] = input.doses.map((d) => ({ ...d, plannedMg: planned.get(d.time) ?? null }));
    const values = valuesOf(input, doses);

    const planRef = { planId: running?.planId ?? null, planVersion: running?.version ?? null, stepIndex: running?.step?.index ?? null };
    // The last four weeks, today's answers included: read once today's row is written.
    const recent = () =>
      tx
        .select(factColumns)
        .from(checkIns)
        .where(and(eq(checkIns.patientId, input.patientId), gte(checkIns.localDate, addDays(today, -28)), lte(checkIns.localDate, today)))
        .orderBy(asc(checkIns.localDate));
    let existing = locked;
    // What is read back of the saved row: its id and revision, and the facts the alert rules see.
    const saved = { id: checkIns.id, revision: checkIns.revision, ...factColumns };
    let row: { id: string; revision: number } & CheckInFactColumns | undefined;
    let recentRows: CheckInFactColumns[] | undefined;
    if (!existing) {
      // Two submissions with different keys (two tabs, two devices) can both find no check-in yet: the one
      // that inserts second waits for the first, then finds its row and corrects it instead of failing.
      [row] = await tx
        .insert(checkIns)
        .values({ patientId: input.patientId, localDate: today, ...values, ...planRef })
        .onConflictDoNothing({ target: [checkIns.patientId, checkIns.localDate] })
        .returning(saved);
      if (row) {
        [, recentRows] = await together(
          writeAudit(tx, actor, { action: 'checkin.create', entityType: 'check_in', entityId: row.id, patientId: input.patientId, after: values }),
          recent(),
        );
      } else {
        [existing] = await todays(today);
      }
    }
    if (existing) {
      // A same-day correction: the earlier answers are kept, never overwritten without trace. The three
      // writes touch different rows and read none of each other's: one round trip.
      const { id: _id, createdAt: _c, updatedAt: _u, ...before } = existing;
      [, [row]] = await together(
        tx.insert(checkInRevisions).values({ checkInId: existing.id, patientId: input.patientId, revision: existing.revision, values: before, replacedBy: actor.id }),
        tx
          .update(checkIns)
          .set({ ...values, ...planRef, revision: existing.revision + 1, updatedAt: now })
          .where(eq(checkIns.id, existing.id))
          .returning(saved),
        writeAudit(tx, actor, { action: 'checkin.correct', entityType: 'check_in', entityId: existing.id, patientId: input.patientId, before, after: values }),
      );
    }
    if (!row) throw new AppError('UNAVAILABLE', 'checkins.notSaved');
    recentRows ??= await recent();
    const facts = recentRows.map(factsOf);
    const todayFacts = factsOf(row);
    const flags = detectRedFlags(todayFacts, facts.filter((f) => f.localDate < today));
    let raised = 0;
    for (const flag of flags) {
      if (await raiseAlert(tx, null, input.patientId, { kind: 'red-flag', severity: 'urgent', code: flag.code, evidence: flag.evidence, checkInId: row.id, dedupeKey: `red-flag:${today}:${flag.code}` })) raised++;
    }

    if (running) {
      const parsed = criteriaSchema.safeParse(running.criteria ?? []);
      if (parsed.success && parsed.data.length) {
        // The baseline is read only for the rules that compare with it.
        const usesBaseline = parsed.data.some((c) => c.metric.kind === 'changeFromBaseline');
        const baseline = usesBaseline ? await baselineFor(tx, input.patientId, running.steps[0]?.startDate) : {};
        for (const fired of evaluateCriteria(parsed.data, facts, today, baseline)) {
          const severity = alertSeverity(fired.action);
          if (!severity) continue;
          // While a criterion's alert is still open, the team already knows: no new alert each day it stays fired.
          const [open] = await tx
            .select({ id: alerts.id })
            .from(alerts)
            .where(and(eq(alerts.patientId, input.patientId), eq(alerts.kind, 'criterion'), eq(alerts.code, fired.criterionId), isNull(alerts.acknowledgedAt)))
            .limit(1);
          if (open) continue;
          if (await raiseAlert(tx, null, input.patientId, { kind: 'criterion', severity, code: fired.criterionId, evidence: fired, checkInId: row.id, dedupeKey: `criterion:${fired.criterionId}:${today}` })) raised++;
        }
      }
    }

    const result: CheckInResult = {
      checkInId: row.id,
      localDate: today,
      revision: row.revision,
      redFlags: flags.map((f) => ({ code: f.code, kind: f.kind })),
      urgent: isUrgent(flags),
      alertsRaised: raised,
    };
    // The answer kept for a resend does not depend on the milestones: both in one round trip.
    await together(
      recordMilestones(tx, input.patientId, today, { timeZone, runningPlan: running?.detectorPlan }),
      tx
        .update(checkInSubmissions)
        .set({ checkInId: row.id, result })
        .where(and(eq(checkInSubmissions.patientId, input.patientId), eq(checkInSubmissions.idempotencyKey, input.idempotencyKey))),
    );
    return { ...result, replayed: false };
  });
}

/** The last `days` days of check-ins, newest first. */
export async function listCheckIns(db: DbOrTx, patientId: string, days: number, now = new Date()) {
  const today = await patientToday(db, patientId, now);
  return db
    .select()
    .from(checkIns)
    .where(and(eq(checkIns.patientId, patientId), gte(checkIns.localDate, addDays(today, -(days - 1)))))
    .orderBy(desc(checkIns.localDate));
}
