// Taper plans as shared records: the plan (its state and version counter), every immutable version,
// and the comments on it. Every table carries patient_id so the data can be distributed by patient.
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { TaperInput, TaperStep, Warning } from '~/lib/taper/types';
import { patientProfiles } from './patients';
import { userRole, users } from './users';
import { planStatuses, planCommentKinds, planCommentVisibilities } from '../../lib/enums';

export { planStatuses, planCommentKinds, planCommentVisibilities };

export const planStatus = pgEnum('plan_status', planStatuses);

export const planActions = [
  'create', 'edit', 'propose', 'agree', 'activate', 'pause', 'resume', 'extend', 'slow', 'step-back', 'edit-step', 'complete', 'stop',
] as const;
export const planAction = pgEnum('plan_action', planActions);

export const taperPlans = pgTable(
  'taper_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patientProfiles.patientId),
    status: planStatus('status').notNull(),
    /** The latest version's number: a save names the version it started from (optimistic concurrency). */
    version: integer('version').notNull(),
    pausedOn: date('paused_on'),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('taper_plans_patient_idx').on(t.patientId, t.createdAt),
    // At most one plan in progress per patient; finished plans stay as history.
    uniqueIndex('taper_plans_one_open_per_patient')
      .on(t.patientId)
      .where(sql`${t.status} not in ('completed', 'stopped')`),
  ],
);

export const taperPlanVersions = pgTable(
  'taper_plan_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id').notNull().references(() => taperPlans.id),
    patientId: uuid('patient_id').notNull(),
    version: integer('version').notNull(),
    status: planStatus('status').notNull(),
    action: planAction('action').notNull(),
    authorId: uuid('author_id').notNull().references(() => users.id),
    authorRole: userRole('author_role').notNull(),
    /**
     * The prescriber whose sign-off this version's doses carry: the author when they may prescribe; for a
     * version by someone else that keeps the doses (pause, extend, the patient's agreement), the previous
     * version's signer; null for a draft no prescriber has signed off yet.
     */
    signedOffBy: uuid('signed_off_by').references(() => users.id),
    reason: text('reason').notNull().default(''),
    input: jsonb('input').$type<TaperInput>().notNull(),
    steps: jsonb('steps').$type<TaperStep[]>().notNull(),
    warnings: jsonb('warnings').$type<Warning[]>().notNull(),
    /**
     * The steps without doses and tablets (index, dates, days, daily mg), kept by PostgreSQL from `steps`
     * (function in migration 0005): the triage list reads 200 plans per request and needs only these.
     */
    stepSummary: jsonb('step_summary')
      .$type<Pick<TaperStep, 'index' | 'startDate' | 'endDate' | 'days' | 'dailyMg'>[]>()
      .notNull()
      .generatedAlwaysAs(sql`taper_step_summary(steps)`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('taper_plan_versions_plan_version_key').on(t.planId, t.version),
    index('taper_plan_versions_patient_idx').on(t.patientId),
  ],
);

export const planCommentKind = pgEnum('plan_comment_kind', planCommentKinds);

/** Like a note's: 'shared' with the patient, or for the care 'team' only (never sent to the patient). */
export const planCommentVisibility = pgEnum('plan_comment_visibility', planCommentVisibilities);

export const taperPlanComments = pgTable(
  'taper_plan_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id').notNull().references(() => taperPlans.id),
    patientId: uuid('patient_id').notNull(),
    /** The version the comment was written about. */
    version: integer('version').notNull(),
    kind: planCommentKind('kind').notNull(),
    authorId: uuid('author_id').notNull().references(() => users.id),
    body: text('body').notNull(),
    /**
     * Chosen when written (the patient's own are always shared). The default is the safe side: a row
     * written without saying never reaches the patient.
     */
    visibility: planCommentVisibility('visibility').notNull().default('team'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('taper_plan_comments_plan_idx').on(t.planId, t.createdAt), index('taper_plan_comments_patient_idx').on(t.patientId)],
);
