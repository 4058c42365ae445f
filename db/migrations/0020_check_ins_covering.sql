-- The triage list reads, for each of a clinician's patients, the latest check-in's day and time of change
-- and the last 14 days' spasticity. With those two columns carried in the (patient, day) index the reads
-- are index-only: a few adjacent index pages per patient, where the table rows of one patient lie one per
-- page among every other patient's (a day's check-ins arrive together). The key stays (patient_id,
-- local_date), so uniqueness and the check-in's ON CONFLICT target are unchanged.
DROP INDEX IF EXISTS "check_ins_patient_day_key";--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_patient_day_key" ON "check_ins" USING btree ("patient_id","local_date") INCLUDE ("spasticity","updated_at");--> statement-breakpoint
-- Index-only reads need the visibility map current. Check-ins are mostly inserted, seldom changed: vacuum
-- after 1% new rows (the default waits for 20%, millions of rows in a large clinic) so today's pages are
-- marked all-visible within the day.
ALTER TABLE "check_ins" SET (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
