CREATE TABLE "alert_evaluations" (
	"patient_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"evaluated_on" date NOT NULL,
	"basis" text NOT NULL,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_evaluations_patient_id_plan_id_kind_pk" PRIMARY KEY("patient_id","plan_id","kind")
);
--> statement-breakpoint
ALTER TABLE "alert_evaluations" ADD CONSTRAINT "alert_evaluations_patient_id_patient_profiles_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient_profiles"("patient_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_evaluations" ADD CONSTRAINT "alert_evaluations_plan_id_taper_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."taper_plans"("id") ON DELETE no action ON UPDATE no action;