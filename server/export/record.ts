// Reads one patient's record for export (FHIR, CSV, the one-page summary): everything the exports need,
// scoped by the proved patient id, with team-only notes never read.
import 'server-only';
import { and, asc, desc, eq, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '~/db';
import {
  adjunctTherapies, alerts, careTeamMembers, checkIns, goalProgress, goals, notes, patientProfiles, stopGoCriteria, taperPlans,
  taperPlanVersions, users,
} from '~/db/schema';
import { localDate } from '~/lib/dates';
import type { Criterion } from '~/lib/criteria/types';
import type { ExportAudience, ExportPlan, ExportRecord } from '~/lib/export/types';
import { AppError } from '~/server/errors';

export interface ExportRange {
  from?: string;
  to?: string;
}

const iso = (d: Date) => d.toISOString();

/**
 * The record of `patientId` as `audience` may take it away. The caller has proved the access. Run inside
 * one transaction so every part is read from the same moment's data as the audit event says.
 */
export async function loadExportRecord(db: DbOrTx, patientId: string, audience: ExportAudience, range: ExportRange, now = new Date()): Promise<ExportRecord> {
  const [p] = await db
    .select({
      id: users.id, name: users.name, email: users.email, timeZone: users.timeZone, dateOfBirth: patientProfiles.dateOfBirth,
      phone: patientProfiles.phone, conditions: patientProfiles.conditions, renalFunction: patientProfiles.renalFunction,
      hasIntrathecalPump: patientProfiles.hasIntrathecalPump,
    })
    .from(patientProfiles)
    .innerJoin(users, eq(users.id, patientProfiles.patientId))
    .where(eq(patientProfiles.patientId, patientId))
    .limit(1);
  if (!p) throw new AppError('NOT_FOUND', 'patients.notFound');

  const careTeam = await db
    .select({
      clinicianId: careTeamMembers.clinicianId, name: users.name, discipline: careTeamMembers.discipline, profession: users.profession,
      // A prescriber on this team: their account may prescribe and the team lets them edit the plan.
      mayPrescribe: sql<boolean>`${users.mayPrescribe} and ${careTeamMembers.mayEditPlan}`,
    })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.clinicianId))
    .where(eq(careTeamMembers.patientId, patientId))
    .orderBy(asc(users.name));

  const plans = await loadPlans(db, patientId, audience);

  const dayWindow: SQL[] = [eq(checkIns.patientId, patientId)];
  if (range.from) dayWindow.push(gte(checkIns.localDate, range.from));
  if (range.to) dayWindow.push(lte(checkIns.localDate, range.to));
  const checkInRows = await db.select().from(checkIns).where(and(...dayWindow)).orderBy(asc(checkIns.localDate));

  // Alerts are windowed by the patient's local day they were raised on, like the check-ins.
  const alertDay = sql<string>`(${alerts.createdAt} at time zone ${p.timeZone})::date`;
  const alertWhere: (SQL | undefined)[] = [eq(alerts.patientId, patientId)];
  if (range.from) alertWhere.push(sql`${alertDay} >= ${range.from}::date`);
  if (range.to) alertWhere.push(sql`${alertDay} <= ${range.to}::date`);
  // The patient's own copy holds the red flags they reported; the other alerts (criteria, missed
  // check-ins, rescue medication) are the team's working tools, shown to the team only, as in the app.
  if (audience === 'patient') alertWhere.push(eq(alerts.kind, 'red-flag'));
  const alertRows = await db
    .select({
      id: alerts.id, kind: alerts.kind, severity: alerts.severity, code: alerts.code, createdAt: alerts.createdAt,
      acknowledgedAt: alerts.acknowledgedAt, checkInDate: checkIns.localDate,
    })
    .from(alerts)
    .leftJoin(checkIns, eq(checkIns.id, alerts.checkInId))
    .where(and(...alertWhere))
    .orderBy(asc(alerts.createdAt), asc(alerts.id));

  const noteAuthor = alias(users, 'note_author');
  const noteRows = await db
    .select({
      id: notes.id, authorName: noteAuthor.name, authorRole: notes.authorRole, createdAt: notes.createdAt, body: notes.body,
      correctsNoteId: notes.correctsNoteId,
    })
    .from(notes)
    .innerJoin(noteAuthor, eq(noteAuthor.id, notes.authorId))
    // Shared notes only, for every audience: team-only notes never leave the system.
    .where(and(eq(notes.patientId, patientId), eq(notes.visibility, 'shared')))
    .orderBy(asc(notes.createdAt), asc(notes.id));

  const goalRows = await db.select().from(goals).where(eq(goals.patientId, patientId)).orderBy(asc(goals.createdAt), asc(goals.id));
  const latest = goalRows.length
    ? await db
        .selectDistinctOn([goalProgress.goalId], {
          goalId: goalProgress.goalId, recordedOn: goalProgress.recordedOn, value: goalProgress.value, note: goalProgress.note,
        })
        .from(goalProgress)
        .where(and(eq(goalProgress.patientId, patientId), inArray(goalProgress.goalId, goalRows.map((g) => g.id))))
        .orderBy(goalProgress.goalId, desc(goalProgress.recordedOn), desc(goalProgress.createdAt))
    : [];
  const latestOf = new Map(latest.map(({ goalId, ...rest }) => [goalId, rest]));

  const adjunctRows = await db
    .select()
    .from(adjunctTherapies)
    .where(eq(adjunctTherapies.patientId, patientId))
    .orderBy(asc(adjunctTherapies.startedOn), asc(adjunctTherapies.createdAt));

  return {
    audience,
    generatedAt: iso(now),
    today: localDate(p.timeZone, now),
    range: { from: range.from ?? null, to: range.to ?? null },
    patient: {
      id: p.id, name: p.name, email: p.email, dateOfBirth: p.dateOfBirth, phone: p.phone, timeZone: p.timeZone, conditions: p.conditions,
      renalFunction: p.renalFunction, hasIntrathecalPump: p.hasIntrathecalPump,
    },
    careTeam,
    plans,
    checkIns: checkInRows.map((c) => ({
      id: c.id, localDate: c.localDate, planId: c.planId, planVersion: c.planVersion, stepIndex: c.stepIndex, doses: c.doses,
      spasticity: c.spasticity, spasmFrequency: c.spasmFrequency, sleepQuality: c.sleepQuality, sleepHours: c.sleepHours,
      restlessness: c.restlessness, anxiety: c.anxiety, mood: c.mood, pain: c.pain, headache: c.headache, nausea: c.nausea,
      strengthMobility: c.strengthMobility, redFlags: c.redFlags, stressors: c.stressors, activity: c.activity, systolic: c.systolic,
      diastolic: c.diastolic, heartRate: c.heartRate, phq2: c.phq2, gad2: c.gad2, notes: c.notes, revision: c.revision,
      updatedAt: iso(c.updatedAt),
    })),
    alerts: alertRows.map((a) => ({
      id: a.id, kind: a.kind, severity: a.severity, code: a.code, createdAt: iso(a.createdAt),
      acknowledgedAt: a.acknowledgedAt ? iso(a.acknowledgedAt) : null, checkInDate: a.checkInDate,
    })),
    notes: noteRows.map((n) => ({ ...n, createdAt: iso(n.createdAt) })),
    goals: goalRows.map((g) => ({
      id: g.id, title: g.title, measure: g.measure, target: g.target, targetValue: g.targetValue, targetUnit: g.targetUnit, dueOn: g.dueOn,
      status: g.status, createdAt: iso(g.createdAt), latestProgress: latestOf.get(g.id) ?? null,
    })),
    adjuncts: adjunctRows.map((a) => ({
      id: a.id, planId: a.planId, kind: a.kind, name: a.name, notes: a.notes, startedOn: a.startedOn, stoppedOn: a.stoppedOn,
      maxDays: a.maxDays, stopCriteria: a.stopCriteria, followUpOn: a.followUpOn,
    })),
  };
}

/**
 * The patient's plans with every version, oldest first. The patient's own copy holds what the app shows
 * them: no draft (a plan or version the team has not proposed yet) and no stop-go criteria (the team's
 * working rules; the patient sees only the ranges the team watches).
 */
async function loadPlans(db: DbOrTx, patientId: string, audience: ExportAudience): Promise<ExportPlan[]> {
  const planRows = await db.select().from(taperPlans).where(eq(taperPlans.patientId, patientId)).orderBy(asc(taperPlans.createdAt), asc(taperPlans.id));
  if (!planRows.length) return [];
  const author = alias(users, 'version_author');
  const signer = alias(users, 'version_signer');
  const versionRows = await db
    .select({
      planId: taperPlanVersions.planId, version: taperPlanVersions.version, status: taperPlanVersions.status, action: taperPlanVersions.action,
      authorId: taperPlanVersions.authorId, authorName: author.name, authorRole: taperPlanVersions.authorRole,
      signedOffById: taperPlanVersions.signedOffBy, signedOffByName: signer.name, reason: taperPlanVersions.reason,
      createdAt: taperPlanVersions.createdAt, input: taperPlanVersions.input, steps: taperPlanVersions.steps, warnings: taperPlanVersions.warnings,
    })
    .from(taperPlanVersions)
    .innerJoin(author, eq(author.id, taperPlanVersions.authorId))
    .leftJoin(signer, eq(signer.id, taperPlanVersions.signedOffBy))
    .where(and(eq(taperPlanVersions.patientId, patientId), audience === 'patient' ? ne(taperPlanVersions.status, 'draft') : undefined))
    .orderBy(asc(taperPlanVersions.planId), asc(taperPlanVersions.version));
  const criteriaRows = await db
    .select({ planId: stopGoCriteria.planId, version: stopGoCriteria.version, criteria: stopGoCriteria.criteria })
    .from(stopGoCriteria)
    .where(eq(stopGoCriteria.patientId, patientId));
  const shown = audience === 'patient' ? planRows.filter((plan) => plan.status !== 'draft') : planRows;
  return shown.map((plan) => {
    const c = audience === 'patient' ? undefined : criteriaRows.find((r) => r.planId === plan.id);
    return {
      id: plan.id,
      status: plan.status,
      pausedOn: plan.pausedOn,
      createdAt: iso(plan.createdAt),
      updatedAt: iso(plan.updatedAt),
      versions: versionRows
        .filter((v) => v.planId === plan.id)
        .map((v) => ({
          version: v.version, status: v.status, action: v.action, authorId: v.authorId, authorName: v.authorName, authorRole: v.authorRole,
          signedOffById: v.signedOffById, signedOffByName: v.signedOffByName, reason: v.reason, createdAt: iso(v.createdAt), input: v.input,
          steps: v.steps, warnings: v.warnings,
        })),
      criteria: c ? { version: c.version, criteria: c.criteria as Criterion[] } : null,
    };
  });
}
