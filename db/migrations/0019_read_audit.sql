CREATE TABLE "record_reads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid NOT NULL,
	"actor_role" "user_role" NOT NULL,
	"patient_id" uuid NOT NULL,
	"what" text NOT NULL,
	"page" text,
	"request_id" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "record_reads" ADD CONSTRAINT "record_reads_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "record_reads_patient_idx" ON "record_reads" USING btree ("patient_id","at");--> statement-breakpoint
CREATE INDEX "record_reads_actor_idx" ON "record_reads" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "record_reads_at_idx" ON "record_reads" USING btree ("at");