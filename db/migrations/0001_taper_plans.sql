CREATE TYPE "public"."plan_action" AS ENUM('create', 'edit', 'propose', 'agree', 'activate', 'pause', 'resume', 'extend', 'slow', 'step-back', 'edit-step', 'complete', 'stop');--> statement-breakpoint
CREATE TYPE "public"."plan_comment_kind" AS ENUM('comment', 'change-request');--> statement-breakpoint
CREATE TYPE "public"."plan_status" AS ENUM('draft', 'proposed', 'agreed', 'active', 'paused', 'completed', 'stopped');--> statement-breakpoint
CREATE TABLE "taper_plan_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" "plan_comment_kind" NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taper_plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" "plan_status" NOT NULL,
	"action" "plan_action" NOT NULL,
	"author_id" uuid NOT NULL,
	"author_role" "user_role" NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"input" jsonb NOT NULL,
	"steps" jsonb NOT NULL,
	"warnings" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taper_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"status" "plan_status" NOT NULL,
	"version" integer NOT NULL,
	"paused_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "taper_plan_comments" ADD CONSTRAINT "taper_plan_comments_plan_id_taper_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."taper_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taper_plan_comments" ADD CONSTRAINT "taper_plan_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taper_plan_versions" ADD CONSTRAINT "taper_plan_versions_plan_id_taper_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."taper_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taper_plan_versions" ADD CONSTRAINT "taper_plan_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taper_plans" ADD CONSTRAINT "taper_plans_patient_id_patient_profiles_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient_profiles"("patient_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taper_plans" ADD CONSTRAINT "taper_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "taper_plan_comments_plan_idx" ON "taper_plan_comments" USING btree ("plan_id","created_at");--> statement-breakpoint
CREATE INDEX "taper_plan_comments_patient_idx" ON "taper_plan_comments" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "taper_plan_versions_plan_version_key" ON "taper_plan_versions" USING btree ("plan_id","version");--> statement-breakpoint
CREATE INDEX "taper_plan_versions_patient_idx" ON "taper_plan_versions" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "taper_plans_patient_idx" ON "taper_plans" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "taper_plans_one_open_per_patient" ON "taper_plans" USING btree ("patient_id") WHERE "taper_plans"."status" not in ('completed', 'stopped');