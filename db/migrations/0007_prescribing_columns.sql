CREATE TYPE "public"."profession" AS ENUM('physician', 'nurse-practitioner', 'nurse', 'pharmacist', 'physiotherapist', 'psychologist', 'other');--> statement-breakpoint
ALTER TYPE "public"."alert_kind" ADD VALUE 'plan-safety';--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "profession" "profession";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "may_prescribe" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "taper_plan_versions" ADD COLUMN "signed_off_by" uuid;--> statement-breakpoint
ALTER TABLE "taper_plan_versions" ADD CONSTRAINT "taper_plan_versions_signed_off_by_users_id_fk" FOREIGN KEY ("signed_off_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;