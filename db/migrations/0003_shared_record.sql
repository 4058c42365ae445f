CREATE TYPE "public"."adjunct_kind" AS ENUM('physiotherapy', 'exercise', 'stretching', 'mindfulness', 'sleep-hygiene', 'heat-cold', 'tens', 'massage', 'hydration-nutrition', 'social-support', 'rescue-medication', 'other');--> statement-breakpoint
CREATE TYPE "public"."goal_status" AS ENUM('active', 'achieved', 'revised', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."milestone_kind" AS ENUM('step-completed', 'week-without-red-flags', 'halfway-to-target', 'taper-completed', 'goal-achieved');--> statement-breakpoint
CREATE TYPE "public"."note_visibility" AS ENUM('shared', 'team');--> statement-breakpoint
CREATE TYPE "public"."weekly_review_decision" AS ENUM('continue', 'hold', 'slow', 'step-back', 'pause', 'other');--> statement-breakpoint
ALTER TYPE "public"."alert_kind" ADD VALUE 'rescue-medication';--> statement-breakpoint
CREATE TABLE "adjunct_therapies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" "adjunct_kind" NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"started_on" date NOT NULL,
	"stopped_on" date,
	"stop_reason" text DEFAULT '' NOT NULL,
	"max_days" integer,
	"stop_criteria" text,
	"follow_up_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "adjunct_therapies_rescue_limits" CHECK ("adjunct_therapies"."kind" <> 'rescue-medication' or ("adjunct_therapies"."max_days" is not null and "adjunct_therapies"."max_days" > 0 and "adjunct_therapies"."stop_criteria" is not null and length(trim("adjunct_therapies"."stop_criteria")) > 0 and "adjunct_therapies"."follow_up_on" is not null)),
	CONSTRAINT "adjunct_therapies_stopped_after_start" CHECK ("adjunct_therapies"."stopped_on" is null or "adjunct_therapies"."stopped_on" >= "adjunct_therapies"."started_on")
);
--> statement-breakpoint
CREATE TABLE "goal_progress" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"recorded_on" date NOT NULL,
	"value" double precision,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"title" text NOT NULL,
	"measure" text NOT NULL,
	"target_value" double precision,
	"target_unit" text DEFAULT '' NOT NULL,
	"target" text NOT NULL,
	"due_on" date,
	"status" "goal_status" DEFAULT 'active' NOT NULL,
	"revises_goal_id" uuid,
	"status_reason" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mdt_attendees" (
	"meeting_id" uuid NOT NULL,
	"clinician_id" uuid NOT NULL,
	"discipline" "discipline" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mdt_attendees_meeting_id_clinician_id_pk" PRIMARY KEY("meeting_id","clinician_id")
);
--> statement-breakpoint
CREATE TABLE "mdt_dissents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"clinician_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mdt_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"created_by" uuid NOT NULL,
	"finalised_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mdt_patient_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"agenda_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"discussion" text DEFAULT '' NOT NULL,
	"decisions" text DEFAULT '' NOT NULL,
	"goals_reset" text DEFAULT '' NOT NULL,
	"shared_summary" text DEFAULT '' NOT NULL,
	"next_review_on" date,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" "milestone_kind" NOT NULL,
	"dedupe_key" text NOT NULL,
	"achieved_on" date NOT NULL,
	"details" jsonb NOT NULL,
	"seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"author_role" "user_role" NOT NULL,
	"author_discipline" "discipline",
	"visibility" "note_visibility" NOT NULL,
	"body" text NOT NULL,
	"corrects_note_id" uuid,
	"plan_id" uuid,
	"plan_version" integer,
	"alert_id" uuid,
	"weekly_review_id" uuid,
	"mdt_item_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notes_plan_version_with_plan" CHECK ("notes"."plan_version" is null or "notes"."plan_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "weekly_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"reviewer_discipline" "discipline" NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"summary" text NOT NULL,
	"decision" "weekly_review_decision" NOT NULL,
	"next_review_on" date NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "adjunct_therapies" ADD CONSTRAINT "adjunct_therapies_patient_id_patient_profiles_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient_profiles"("patient_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adjunct_therapies" ADD CONSTRAINT "adjunct_therapies_plan_id_taper_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."taper_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adjunct_therapies" ADD CONSTRAINT "adjunct_therapies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_progress" ADD CONSTRAINT "goal_progress_goal_id_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_progress" ADD CONSTRAINT "goal_progress_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_patient_id_patient_profiles_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient_profiles"("patient_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_revises_goal_id_goals_id_fk" FOREIGN KEY ("revises_goal_id") REFERENCES "public"."goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_attendees" ADD CONSTRAINT "mdt_attendees_meeting_id_mdt_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mdt_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_attendees" ADD CONSTRAINT "mdt_attendees_clinician_id_users_id_fk" FOREIGN KEY ("clinician_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_dissents" ADD CONSTRAINT "mdt_dissents_item_id_mdt_patient_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."mdt_patient_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_dissents" ADD CONSTRAINT "mdt_dissents_clinician_id_users_id_fk" FOREIGN KEY ("clinician_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_meetings" ADD CONSTRAINT "mdt_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_patient_items" ADD CONSTRAINT "mdt_patient_items_meeting_id_mdt_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mdt_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_patient_items" ADD CONSTRAINT "mdt_patient_items_patient_id_patient_profiles_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient_profiles"("patient_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_patient_items" ADD CONSTRAINT "mdt_patient_items_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_patient_id_patient_profiles_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient_profiles"("patient_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_patient_id_patient_profiles_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient_profiles"("patient_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_corrects_note_id_notes_id_fk" FOREIGN KEY ("corrects_note_id") REFERENCES "public"."notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_plan_id_taper_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."taper_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_weekly_review_id_weekly_reviews_id_fk" FOREIGN KEY ("weekly_review_id") REFERENCES "public"."weekly_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_mdt_item_id_mdt_patient_items_id_fk" FOREIGN KEY ("mdt_item_id") REFERENCES "public"."mdt_patient_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_reviews" ADD CONSTRAINT "weekly_reviews_patient_id_patient_profiles_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient_profiles"("patient_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_reviews" ADD CONSTRAINT "weekly_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adjunct_therapies_patient_idx" ON "adjunct_therapies" USING btree ("patient_id","plan_id");--> statement-breakpoint
CREATE INDEX "goal_progress_goal_idx" ON "goal_progress" USING btree ("goal_id","recorded_on");--> statement-breakpoint
CREATE INDEX "goal_progress_patient_idx" ON "goal_progress" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "goals_patient_idx" ON "goals" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE INDEX "mdt_attendees_clinician_idx" ON "mdt_attendees" USING btree ("clinician_id");--> statement-breakpoint
CREATE INDEX "mdt_dissents_item_idx" ON "mdt_dissents" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "mdt_dissents_patient_idx" ON "mdt_dissents" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "mdt_meetings_created_by_idx" ON "mdt_meetings" USING btree ("created_by","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "mdt_patient_items_meeting_patient_key" ON "mdt_patient_items" USING btree ("meeting_id","patient_id");--> statement-breakpoint
CREATE INDEX "mdt_patient_items_patient_idx" ON "mdt_patient_items" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "milestones_patient_dedupe_key" ON "milestones" USING btree ("patient_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "milestones_patient_idx" ON "milestones" USING btree ("patient_id","achieved_on");--> statement-breakpoint
CREATE INDEX "notes_patient_idx" ON "notes" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE INDEX "notes_corrects_idx" ON "notes" USING btree ("corrects_note_id");--> statement-breakpoint
CREATE INDEX "weekly_reviews_patient_idx" ON "weekly_reviews" USING btree ("patient_id","created_at");