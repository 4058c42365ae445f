CREATE TYPE "public"."alert_kind" AS ENUM('red-flag', 'criterion', 'missed-check-in');--> statement-breakpoint
CREATE TYPE "public"."alert_severity" AS ENUM('urgent', 'warning', 'info');--> statement-breakpoint
CREATE TYPE "public"."step_decision" AS ENUM('advance', 'hold', 'slow', 'step-back', 'pause');--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" "alert_kind" NOT NULL,
	"severity" "alert_severity" NOT NULL,
	"code" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"check_in_id" uuid,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"acknowledge_note" text
);
--> statement-breakpoint
CREATE TABLE "check_in_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"check_in_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"values" jsonb NOT NULL,
	"replaced_by" uuid NOT NULL,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "check_in_submissions" (
	"patient_id" uuid NOT NULL,
	"idempotency_key" uuid NOT NULL,
	"request_hash" text NOT NULL,
	"check_in_id" uuid,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_in_submissions_patient_id_idempotency_key_pk" PRIMARY KEY("patient_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"plan_id" uuid,
	"plan_version" integer,
	"step_index" integer,
	"doses" jsonb NOT NULL,
	"spasticity" smallint,
	"spasm_frequency" smallint,
	"sleep_quality" smallint,
	"sleep_hours" double precision,
	"restlessness" smallint,
	"anxiety" smallint,
	"mood" smallint,
	"pain" smallint,
	"headache" smallint,
	"nausea" smallint,
	"strength_mobility" smallint,
	"red_flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"stressors" text DEFAULT '' NOT NULL,
	"activity" text DEFAULT '' NOT NULL,
	"systolic" smallint,
	"diastolic" smallint,
	"heart_rate" smallint,
	"phq2" smallint[],
	"gad2" smallint[],
	"notes" text DEFAULT '' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "step_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"step_index" integer NOT NULL,
	"step_end_date" date NOT NULL,
	"recommendation" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"decision" "step_decision" NOT NULL,
	"reason" text NOT NULL,
	"plan_version" integer NOT NULL,
	"decided_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stop_go_criteria" (
	"plan_id" uuid PRIMARY KEY NOT NULL,
	"patient_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"criteria" jsonb NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stop_go_criteria_versions" (
	"plan_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"criteria" jsonb NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stop_go_criteria_versions_plan_id_version_pk" PRIMARY KEY("plan_id","version")
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_patient_id_patient_profiles_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient_profiles"("patient_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_check_in_id_check_ins_id_fk" FOREIGN KEY ("check_in_id") REFERENCES "public"."check_ins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in_revisions" ADD CONSTRAINT "check_in_revisions_check_in_id_check_ins_id_fk" FOREIGN KEY ("check_in_id") REFERENCES "public"."check_ins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in_revisions" ADD CONSTRAINT "check_in_revisions_replaced_by_users_id_fk" FOREIGN KEY ("replaced_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in_submissions" ADD CONSTRAINT "check_in_submissions_check_in_id_check_ins_id_fk" FOREIGN KEY ("check_in_id") REFERENCES "public"."check_ins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_patient_id_patient_profiles_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient_profiles"("patient_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_plan_id_taper_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."taper_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_decisions" ADD CONSTRAINT "step_decisions_plan_id_taper_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."taper_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_decisions" ADD CONSTRAINT "step_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stop_go_criteria" ADD CONSTRAINT "stop_go_criteria_plan_id_taper_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."taper_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stop_go_criteria" ADD CONSTRAINT "stop_go_criteria_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stop_go_criteria_versions" ADD CONSTRAINT "stop_go_criteria_versions_plan_id_taper_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."taper_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stop_go_criteria_versions" ADD CONSTRAINT "stop_go_criteria_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_patient_dedupe_key" ON "alerts" USING btree ("patient_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "alerts_patient_created_idx" ON "alerts" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE INDEX "alerts_open_idx" ON "alerts" USING btree ("patient_id","severity") WHERE "alerts"."acknowledged_at" is null;--> statement-breakpoint
CREATE INDEX "check_in_revisions_check_in_idx" ON "check_in_revisions" USING btree ("check_in_id");--> statement-breakpoint
CREATE INDEX "check_in_revisions_patient_idx" ON "check_in_revisions" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_patient_day_key" ON "check_ins" USING btree ("patient_id","local_date");--> statement-breakpoint
CREATE INDEX "step_decisions_plan_idx" ON "step_decisions" USING btree ("plan_id","step_index");--> statement-breakpoint
CREATE INDEX "step_decisions_patient_idx" ON "step_decisions" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "stop_go_criteria_versions_patient_idx" ON "stop_go_criteria_versions" USING btree ("patient_id");