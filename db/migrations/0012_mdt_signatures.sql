ALTER TABLE "mdt_attendees" ADD COLUMN "signed_version" integer;--> statement-breakpoint
ALTER TABLE "mdt_attendees" ADD COLUMN "signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mdt_attendees" ADD CONSTRAINT "mdt_attendees_signed_together" CHECK (("mdt_attendees"."signed_version" is null) = ("mdt_attendees"."signed_at" is null));