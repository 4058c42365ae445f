-- Plan comments written before they had a visibility were all shown to the patient once the plan was
-- proposed. They stay shared, except the care team's comments about a draft version: those were the
-- team's working talk, never meant for the patient (the leak this column closes), so they become team-only.
UPDATE taper_plan_comments c SET visibility = 'shared'
WHERE NOT EXISTS (
  SELECT 1
  FROM taper_plan_versions v
  JOIN users u ON u.id = c.author_id
  WHERE v.plan_id = c.plan_id AND v.version = c.version AND v.status = 'draft' AND u.role <> 'patient'
);
