-- Prescribing rights for the accounts that exist before they were recorded. Until now a care team's
-- "prescriber" discipline was the only sign of who prescribes: a clinician who is the prescriber on any
-- team may prescribe (profession: physician, which an administrator can correct); every other clinician
-- gets the profession of the discipline they hold most often ('other' when on no team). Patients and
-- administrators keep no profession.
UPDATE users u SET may_prescribe = true, profession = 'physician'
WHERE u.role = 'clinician'
  AND EXISTS (SELECT 1 FROM care_team_members m WHERE m.clinician_id = u.id AND m.discipline = 'prescriber');
--> statement-breakpoint
UPDATE users u SET profession = coalesce(
  (
    SELECT m.discipline::text::profession
    FROM care_team_members m
    WHERE m.clinician_id = u.id
    GROUP BY m.discipline
    ORDER BY count(*) DESC, m.discipline
    LIMIT 1
  ),
  'other'
)
WHERE u.role = 'clinician' AND u.profession IS NULL;
--> statement-breakpoint
-- A member's discipline now comes from their account (as the app derives it: 'prescriber' when they may
-- prescribe, else their profession's discipline). Rows that said otherwise follow, each with an audit
-- event (no actor: the migration) so the record shows why the discipline changed.
INSERT INTO audit_events (actor_id, action, entity_type, entity_id, patient_id, before, after)
WITH derived AS (
  SELECT m.patient_id, m.clinician_id, m.discipline AS before,
    (CASE
      WHEN u.may_prescribe THEN 'prescriber'
      WHEN u.profession = 'physician' THEN 'other'
      WHEN u.profession = 'nurse-practitioner' THEN 'nurse'
      ELSE u.profession::text
    END)::discipline AS after
  FROM care_team_members m
  JOIN users u ON u.id = m.clinician_id
  WHERE u.role = 'clinician'
)
SELECT NULL, 'care_team.update', 'care_team_member', d.clinician_id::text, d.patient_id,
  jsonb_build_object('discipline', d.before), jsonb_build_object('discipline', d.after, 'via', 'migration: discipline from the account')
FROM derived d
WHERE d.before <> d.after;
--> statement-breakpoint
WITH derived AS (
  SELECT m.patient_id, m.clinician_id, m.discipline AS before,
    (CASE
      WHEN u.may_prescribe THEN 'prescriber'
      WHEN u.profession = 'physician' THEN 'other'
      WHEN u.profession = 'nurse-practitioner' THEN 'nurse'
      ELSE u.profession::text
    END)::discipline AS after
  FROM care_team_members m
  JOIN users u ON u.id = m.clinician_id
  WHERE u.role = 'clinician'
)
UPDATE care_team_members m SET discipline = d.after
FROM derived d
WHERE d.patient_id = m.patient_id AND d.clinician_id = m.clinician_id AND d.before <> d.after;
--> statement-breakpoint
-- Sign-off of the plan versions already written, by the rule the app now follows: a version authored by
-- the patient's prescriber (a team member who may prescribe) is signed off by them; a version that keeps
-- the doses (the patient's agreement, a pause, an extended step) by anyone else carries the sign-off of the
-- version before it; any other version has none.
UPDATE taper_plan_versions v SET signed_off_by = v.author_id
FROM care_team_members m
JOIN users u ON u.id = m.clinician_id
WHERE m.patient_id = v.patient_id AND m.clinician_id = v.author_id AND u.may_prescribe;
--> statement-breakpoint
UPDATE taper_plan_versions v SET signed_off_by = (
  SELECT p.signed_off_by
  FROM taper_plan_versions p
  WHERE p.plan_id = v.plan_id AND p.version < v.version
    AND (p.action NOT IN ('agree', 'pause', 'extend') OR p.signed_off_by IS NOT NULL)
  ORDER BY p.version DESC
  LIMIT 1
)
WHERE v.action IN ('agree', 'pause', 'extend') AND v.signed_off_by IS NULL;
