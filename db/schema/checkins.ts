// Daily check-ins (one per patient per local day, corrections kept), their idempotent submissions,
// the alerts they raise for the care team, and each plan's stop-go criteria.
import { sql } from 'drizzle-orm';
import {
  date, doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import type { RedFlagCode } from '~/lib/checkins/types';
import { patientProfiles } from './patients';
import { taperPlans } from './plans';
import { users } from './users';
import { alertKinds, alertSeverities, stepDecisionKinds } from '../../lib/enums';

export { alertKinds, alertSeverities, stepDecisionKinds };

export interface DoseTaken {
  time: string;
  /** What the plan said for this time today (null when no plan is running). */
  plannedMg: number | null;
  /** What was actually taken; null when missed. */
  takenMg: number | null;
  status: 'taken' | 'changed' | 'missed';
}

export const checkIns = pgTable(
  'check_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patientProfiles.patientId),
    localDate: date('local_date').notNull(),
    planId: uuid('plan_id').references(() => taperPlans.id),
    planVersion: integer('plan_version'),
    stepIndex: integer('step_index'),
    doses: jsonb('doses').$type<DoseTaken[]>().notNull(),
    spasticity: smallint('spasticity'),
    spasmFrequency: smallint('spasm_frequency'),
    sleepQuality: smallint('sleep_quality'),
    sleepHours: doublePrecision('sleep_hours'),
    restlessness: smallint('restlessness'),
    anxiety: smallint('anxiety'),
    mood: smallint('mood'),
    pain: smallint('pain'),
    headache: smallint('headache'),
    nausea: smallint('nausea'),
    strengthMobility: smallint('strength_mobility'),
    redFlags: text('red_flags').array().$type<RedFlagCode[]>().notNull().default(sql`'{}'::text[]`),
    stressors: text('stressors').notNull().default(''),
    activity: text('activity').notNull().default(''),
    systolic: smallint('systolic'),
    diastolic: smallint('diastolic'),
    heartRate: smallint('heart_rate'),
    phq2: smallint('phq2').array(),
    gad2: smallint('gad2').array(),
    notes: text('notes').notNull().default(''),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Migration 0020 also carries spasticity and updated_at in this index (INCLUDE, which Drizzle's index
  // builder does not express), so the triage list's check-in reads are index-only.
  (t) => [uniqueIndex('check_ins_patient_day_key').on(t.patientId, t.localDate)],
);

/** Every earlier version of a corrected check-in. */
export const checkInRevisions = pgTable(
  'check_in_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    checkInId: uuid('check_in_id').notNull().references(() => checkIns.id),
    patientId: uuid('patient_id').notNull(),
    revision: integer('revision').notNull(),
    values: jsonb('values').notNull(),
    replacedBy: uuid('replaced_by').notNull().references(() => users.id),
    replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('check_in_revisions_check_in_idx').on(t.checkInId), index('check_in_revisions_patient_idx').on(t.patientId)],
);

/** A flaky phone may send the same check-in again: the key makes the resend return the first result. */
export const checkInSubmissions = pgTable(
  'check_in_submissions',
  {
    patientId: uuid('patient_id').notNull(),
    idempotencyKey: uuid('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    checkInId: uuid('check_in_id').references(() => checkIns.id),
    result: jsonb('result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.patientId, t.idempotencyKey] })],
);

// 'plan-safety': the app itself acted on a plan for safety (a pump was recorded, so the plan was stopped).
export const alertKind = pgEnum('alert_kind', alertKinds);
export const alertSeverity = pgEnum('alert_severity', alertSeverities);

export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patientProfiles.patientId),
    kind: alertKind('kind').notNull(),
    severity: alertSeverity('severity').notNull(),
    /** The red-flag code, the criterion id, 'missed-check-in', a rescue reason or a plan-safety code. */
    code: text('code').notNull(),
    evidence: jsonb('evidence').notNull(),
    checkInId: uuid('check_in_id').references(() => checkIns.id),
    /** One alert per reason and day: a corrected or resent check-in does not raise it twice. */
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    acknowledgeNote: text('acknowledge_note'),
    /** Urgent alerts: the escalation rounds done so far (each notifies the prescribers and the on-call contact again). */
    escalationRound: smallint('escalation_round').notNull().default(0),
  },
  (t) => [
    uniqueIndex('alerts_patient_dedupe_key').on(t.patientId, t.dedupeKey),
    index('alerts_patient_created_idx').on(t.patientId, t.createdAt),
    // The triage list reads the open alerts of a clinician's patients.
    index('alerts_open_idx').on(t.patientId, t.severity).where(sql`${t.acknowledgedAt} is null`),
  ],
);

/**
 * When the rules that time alone can fire (missed check-ins) were last evaluated for a running plan, and
 * on what basis. Time raises no event, so these rules run in the worker's alert sweep. Within one
 * local day their outcome can only shrink as check-ins arrive, so a plan already evaluated on the
 * patient's current day, with the same plan and criteria versions, has nothing new to raise and the
 * sweep skips it. Bookkeeping, not part of the record: no audit event, and losing a row only costs a re-check.
 */
export const alertEvaluations = pgTable(
  'alert_evaluations',
  {
    patientId: uuid('patient_id').notNull().references(() => patientProfiles.patientId),
    planId: uuid('plan_id').notNull().references(() => taperPlans.id),
    kind: text('kind').notNull(),
    /** The patient's local day of the last evaluation. */
    evaluatedOn: date('evaluated_on').notNull(),
    /** What the outcome depends on besides the day: 'plan version:criteria version'. */
    basis: text('basis').notNull(),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.patientId, t.planId, t.kind] })],
);

/** The stop-go criteria of a plan, versioned and conflict-checked like the plan itself. */
export const stopGoCriteria = pgTable('stop_go_criteria', {
  planId: uuid('plan_id').primaryKey().references(() => taperPlans.id),
  patientId: uuid('patient_id').notNull(),
  version: integer('version').notNull(),
  criteria: jsonb('criteria').notNull(),
  updatedBy: uuid('updated_by').notNull().references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const stopGoCriteriaVersions = pgTable(
  'stop_go_criteria_versions',
  {
    planId: uuid('plan_id').notNull().references(() => taperPlans.id),
    patientId: uuid('patient_id').notNull(),
    version: integer('version').notNull(),
    criteria: jsonb('criteria').notNull(),
    reason: text('reason').notNull().default(''),
    authorId: uuid('author_id').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.version] }), index('stop_go_criteria_versions_patient_idx').on(t.patientId)],
);

export const stepDecisionKind = pgEnum('step_decision', stepDecisionKinds);

/** A clinician's decision at a step's end, with the recommendation the criteria gave at the time. */
export const stepDecisions = pgTable(
  'step_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id').notNull().references(() => taperPlans.id),
    patientId: uuid('patient_id').notNull(),
    stepIndex: integer('step_index').notNull(),
    stepEndDate: date('step_end_date').notNull(),
    recommendation: text('recommendation').notNull(),
    evidence: jsonb('evidence').notNull(),
    decision: stepDecisionKind('decision').notNull(),
    reason: text('reason').notNull(),
    planVersion: integer('plan_version').notNull(),
    decidedBy: uuid('decided_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('step_decisions_plan_idx').on(t.planId, t.stepIndex), index('step_decisions_patient_idx').on(t.patientId)],
);
