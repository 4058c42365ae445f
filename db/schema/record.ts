// The shared record around the taper: notes, weekly and multidisciplinary reviews, goals with their
// progress, milestones, and the adjunct therapies a plan lists. Patient-owned rows carry patient_id.
import { sql } from 'drizzle-orm';
import {
  check, date, doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { alerts } from './checkins';
import { discipline, patientProfiles } from './patients';
import { taperPlans } from './plans';
import { userRole, users } from './users';
import { weeklyReviewDecisions, noteVisibilities, goalStatuses, milestoneKinds, adjunctKinds } from '../../lib/enums';

export { weeklyReviewDecisions, noteVisibilities, goalStatuses, milestoneKinds, adjunctKinds };

// ---------------------------------------------------------------------------------------------------
// Weekly reviews

export const weeklyReviewDecision = pgEnum('weekly_review_decision', weeklyReviewDecisions);

/** A clinician's review of a patient's last 7 days, with what the data showed at the time. */
export const weeklyReviews = pgTable(
  'weekly_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patientProfiles.patientId),
    reviewerId: uuid('reviewer_id').notNull().references(() => users.id),
    reviewerDiscipline: discipline('reviewer_discipline').notNull(),
    /** The 7 local days reviewed, inclusive. */
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    summary: text('summary').notNull(),
    decision: weeklyReviewDecision('decision').notNull(),
    nextReviewOn: date('next_review_on').notNull(),
    /** What the review page showed (doses, scores, red flags, criteria, recommendation), kept as evidence. */
    snapshot: jsonb('snapshot').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('weekly_reviews_patient_idx').on(t.patientId, t.createdAt)],
);

// ---------------------------------------------------------------------------------------------------
// Multidisciplinary reviews (a meeting is the clinic's; what it says about a patient is that patient's)

export const mdtMeetings = pgTable(
  'mdt_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    heldOn: date('held_on').notNull(),
    title: text('title').notNull(),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    /** Once finalised, the record is closed and the shared summaries reach the patients. */
    finalisedAt: timestamp('finalised_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mdt_meetings_created_by_idx').on(t.createdBy, t.heldOn)],
);

export const mdtAttendees = pgTable(
  'mdt_attendees',
  {
    meetingId: uuid('meeting_id').notNull().references(() => mdtMeetings.id),
    clinicianId: uuid('clinician_id').notNull().references(() => users.id),
    discipline: discipline('discipline').notNull(),
    /**
     * The attendee's signature: the meeting version they confirmed, as present and agreeing it is the
     * record. Any later change to the record makes a new version, so an older signature no longer counts.
     */
    signedVersion: integer('signed_version'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.clinicianId] }),
    index('mdt_attendees_clinician_idx').on(t.clinicianId),
    check('mdt_attendees_signed_together', sql`(${t.signedVersion} is null) = (${t.signedAt} is null)`),
  ],
);

/** One patient discussed at a meeting: the team's discussion, the decisions, and the summary shared with the patient. */
export const mdtPatientItems = pgTable(
  'mdt_patient_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id').notNull().references(() => mdtMeetings.id),
    patientId: uuid('patient_id').notNull().references(() => patientProfiles.patientId),
    /** Why the patient is on the agenda: 'urgent', 'decision-due', 'not-reviewed', 'added'. */
    agendaReasons: text('agenda_reasons').array().notNull().default(sql`'{}'::text[]`),
    /** Team only. */
    discussion: text('discussion').notNull().default(''),
    decisions: text('decisions').notNull().default(''),
    goalsReset: text('goals_reset').notNull().default(''),
    /** What the patient reads. */
    sharedSummary: text('shared_summary').notNull().default(''),
    nextReviewOn: date('next_review_on'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mdt_patient_items_meeting_patient_key').on(t.meetingId, t.patientId),
    index('mdt_patient_items_patient_idx').on(t.patientId, t.createdAt),
  ],
);

/** An attendee's recorded dissent on a patient's decisions (team only). */
export const mdtDissents = pgTable(
  'mdt_dissents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id').notNull().references(() => mdtPatientItems.id),
    patientId: uuid('patient_id').notNull(),
    clinicianId: uuid('clinician_id').notNull().references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mdt_dissents_item_idx').on(t.itemId), index('mdt_dissents_patient_idx').on(t.patientId)],
);

// ---------------------------------------------------------------------------------------------------
// Notes

export const noteVisibility = pgEnum('note_visibility', noteVisibilities);

/**
 * A patient's thread of notes. Never edited in place: a correction is a new note naming the one it corrects.
 * 'team' notes are for the care team only and must never reach the patient.
 */
export const notes = pgTable(
  'notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patientProfiles.patientId),
    authorId: uuid('author_id').notNull().references(() => users.id),
    authorRole: userRole('author_role').notNull(),
    /** The author's discipline on the care team when they wrote it; null for the patient. */
    authorDiscipline: discipline('author_discipline'),
    visibility: noteVisibility('visibility').notNull(),
    body: text('body').notNull(),
    correctsNoteId: uuid('corrects_note_id').references((): AnyPgColumn => notes.id),
    planId: uuid('plan_id').references(() => taperPlans.id),
    planVersion: integer('plan_version'),
    alertId: uuid('alert_id').references(() => alerts.id),
    weeklyReviewId: uuid('weekly_review_id').references(() => weeklyReviews.id),
    mdtItemId: uuid('mdt_item_id').references(() => mdtPatientItems.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notes_patient_idx').on(t.patientId, t.createdAt),
    index('notes_corrects_idx').on(t.correctsNoteId),
    check('notes_plan_version_with_plan', sql`${t.planVersion} is null or ${t.planId} is not null`),
  ],
);

// ---------------------------------------------------------------------------------------------------
// Goals and milestones

export const goalStatus = pgEnum('goal_status', goalStatuses);

/** A measurable goal: what, how it is measured, the target and when. A revision is a new goal naming the old. */
export const goals = pgTable(
  'goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patientProfiles.patientId),
    title: text('title').notNull(),
    measure: text('measure').notNull(),
    /** Numeric target with its unit when the measure is a number ("20" "minutes a day"); the text says it in words. */
    targetValue: doublePrecision('target_value'),
    targetUnit: text('target_unit').notNull().default(''),
    target: text('target').notNull(),
    dueOn: date('due_on'),
    status: goalStatus('status').notNull().default('active'),
    revisesGoalId: uuid('revises_goal_id').references((): AnyPgColumn => goals.id),
    statusReason: text('status_reason').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('goals_patient_idx').on(t.patientId, t.createdAt)],
);

export const goalProgress = pgTable(
  'goal_progress',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    goalId: uuid('goal_id').notNull().references(() => goals.id),
    patientId: uuid('patient_id').notNull(),
    recordedOn: date('recorded_on').notNull(),
    value: doublePrecision('value'),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('goal_progress_goal_idx').on(t.goalId, t.recordedOn), index('goal_progress_patient_idx').on(t.patientId)],
);

export const milestoneKind = pgEnum('milestone_kind', milestoneKinds);

/** Recorded automatically, once each (the dedupe key), and celebrated with the patient. */
export const milestones = pgTable(
  'milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patientProfiles.patientId),
    kind: milestoneKind('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    achievedOn: date('achieved_on').notNull(),
    details: jsonb('details').notNull(),
    /** When the patient dismissed the celebration. */
    seenAt: timestamp('seen_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('milestones_patient_dedupe_key').on(t.patientId, t.dedupeKey), index('milestones_patient_idx').on(t.patientId, t.achievedOn)],
);

// ---------------------------------------------------------------------------------------------------
// Adjunct therapies

export const adjunctKind = pgEnum('adjunct_kind', adjunctKinds);

/**
 * A support in use with a plan. Rescue medication only with a maximum number of days, stop criteria and a
 * follow-up date (the check constraint), so one dependence is not swapped for another.
 */
export const adjunctTherapies = pgTable(
  'adjunct_therapies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patientProfiles.patientId),
    planId: uuid('plan_id').notNull().references(() => taperPlans.id),
    kind: adjunctKind('kind').notNull(),
    /** The medicine's name and dose for rescue medication; a label for 'other'; optional otherwise. */
    name: text('name').notNull().default(''),
    notes: text('notes').notNull().default(''),
    startedOn: date('started_on').notNull(),
    stoppedOn: date('stopped_on'),
    /** Why it was stopped, in the team's words (shown in the history with the stop date). */
    stopReason: text('stop_reason').notNull().default(''),
    maxDays: integer('max_days'),
    stopCriteria: text('stop_criteria'),
    followUpOn: date('follow_up_on'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('adjunct_therapies_patient_idx').on(t.patientId, t.planId),
    check(
      'adjunct_therapies_rescue_limits',
      sql`${t.kind} <> 'rescue-medication' or (${t.maxDays} is not null and ${t.maxDays} > 0 and ${t.stopCriteria} is not null and length(trim(${t.stopCriteria})) > 0 and ${t.followUpOn} is not null)`,
    ),
    check('adjunct_therapies_stopped_after_start', sql`${t.stoppedOn} is null or ${t.stoppedOn} >= ${t.startedOn}`),
  ],
);
